package org.shardwire.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.cli.Main;
import org.shardwire.emit.Filelist;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.TestPaths;

/** Every module {@code ./shardwire blocks} writes passes {@code verilator --lint-only -Wall}, as its own top. */
class EmittedBlocksLintTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"xilinx", "intel"})
  void everyEmittedModuleIsLintClean(String vendor) throws IOException {
    Path out = TestPaths.freshDir("lint/" + vendor).resolve("out");
    assertEquals(0, Main.run("blocks", "--out", out.toString(), "--vendor", vendor, "--simd", "16", "--pe", "4"));
    Path rtl = out.resolve("rtl");
    List<Path> files = Filelist.read(rtl.resolve(Filelist.NAME));
    assertTrue(files.size() >= 5, files.toString());
    VerilatorBuilder verilator = new VerilatorBuilder(
        BuildContext.detect(TestPaths.verilatorCache(), out, 1), new TemplateRenderer());
    for (Path f : files) {
      String module = f.getFileName().toString().replace(".v", "");
      String warnings = verilator.lint(new EmittedDesign(module, files, List.of()));
      assertEquals("", warnings, module + " is not lint-clean");
    }
  }
}
