package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.TestPaths;

/** Both endpoints, as their own tops, pass {@code verilator --lint-only -Wall} for every packing case. */
class LinkLintTest {

  @ParameterizedTest(name = "lanes={0} frame={1} {2}")
  @CsvSource({
      "1, 32, XILINX", // 8 beats per word
      "3, 32, INTEL",  // 2 beats per word, 16 bits unused
      "5, 1, XILINX",  // one 40-bit beat per word, one-word frames
      "8, 32, INTEL",  // one beat per word
      "9, 7, XILINX",  // 72-bit beats over 2 words, odd frame size
      "64, 16, XILINX" // 512-bit beats over 8 words
  })
  void endpointsAreLintClean(int lanes, int frameWords, Vendor vendor) {
    LinkConfig d = LinkConfig.defaults(lanes, vendor);
    LinkConfig c = new LinkConfig(lanes, frameWords, 64, 8, 64, d.ackTimeoutCycles(), d.flushIdleCycles(),
        d.keepaliveCycles(), d.ramStyle());
    assertLintClean("tx", vendor, () -> new LinkTx(c), c);
    assertLintClean("rx", vendor, () -> new LinkRx(c), c);
  }

  static void assertLintClean(String what, Vendor vendor, Supplier<? extends Module> top, LinkConfig c) {
    String name = "link-lint/" + what + "-" + c.lanes() + "-" + c.maxFrameWords() + "-" + vendor;
    EmittedDesign design = new VerilogEmitter(vendor, GeneratorStamp.header("link lint", c.toString()))
        .emit(top, TestPaths.freshDir(name));
    VerilatorBuilder verilator = new VerilatorBuilder(
        BuildContext.detect(TestPaths.verilatorCache(), TestPaths.freshDir(name + "-work"), 1), new TemplateRenderer());
    assertEquals("", verilator.lint(design), design.topModule() + " is not lint-clean");
  }
}
