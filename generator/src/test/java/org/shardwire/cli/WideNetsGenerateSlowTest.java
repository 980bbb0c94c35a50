package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.TestPaths;

/**
 * Networks whose plans fold conv engines up to PE 64 (parameter ROMs of 4416 bits, weight words
 * past 4096) generate, and every board top passes {@code verilator --lint-only -Wall}. Both used
 * to die in elaboration ("Way too big signal") although {@code plan} said they fit. Slow: the
 * ResNets are quantized, planned and elaborated whole.
 */
@Tag("slow")
class WideNetsGenerateSlowTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"resnet50, mkubos-zu19eg:4", "resnet18, mkubos-zu19eg:2"})
  void generatesAndEveryBoardTopIsLintClean(String model, String boards) throws IOException {
    Path out = TestPaths.freshDir("wide-nets/" + model).resolve("out");
    BlocksCommandTest.Outcome o = BlocksCommandTest.run("generate", "--model", model, "--boards", boards, "--out",
        out.toString());
    assertEquals(0, o.exitCode(), o.err());
    int count = Integer.parseInt(boards.substring(boards.indexOf(':') + 1));
    VerilatorBuilder verilator = new VerilatorBuilder(BuildContext.detect(TestPaths.verilatorCache(), out, 1),
        new TemplateRenderer());
    for (int b = 0; b < count; b++) {
      Path rtl = out.resolve("board" + b + "/rtl");
      List<Path> files = Files.readAllLines(rtl.resolve("filelist.f")).stream().filter(l -> l.endsWith(".v"))
          .map(rtl::resolve).toList();
      String top = "board" + b + "_top";
      assertTrue(files.stream().anyMatch(f -> f.endsWith(top + ".v")), files.toString());
      String warnings = verilator.lint(new EmittedDesign(top, files, List.of()));
      assertEquals("", warnings, top + " of " + model + " on " + boards + " is not lint-clean");
    }
  }
}
