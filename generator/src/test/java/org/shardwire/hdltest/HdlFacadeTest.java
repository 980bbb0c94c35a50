package org.shardwire.hdltest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.HdlException;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.TestPaths;

/** The Java HDL facade: naming, vendor choices, library FIFOs, black boxes and error reporting. */
class HdlFacadeTest {

  private static EmittedDesign emit(String name, Vendor vendor, Supplier<? extends Module> top) {
    return new VerilogEmitter(vendor, "facade test").emit(top, TestPaths.freshDir("facade/" + name));
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p);
  }

  private static void assertLintClean(EmittedDesign d) {
    BuildContext ctx = BuildContext.detect(TestPaths.verilatorCache(), TestPaths.freshDir("facade-lint"), 1);
    String warnings = new VerilatorBuilder(ctx, new TemplateRenderer()).lint(d);
    assertEquals("", warnings, "verilator --lint-only -Wall on " + d.topModule());
  }

  @Test
  void namesComeFromJavaAndModulesCarryTheirParameters() throws IOException {
    EmittedDesign d = emit("mixed", Vendor.XILINX, ExampleModules.Mixed::new);
    assertEquals("mixed_example", d.topModule());
    List<String> files = d.verilogFiles().stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(List.of("counter_w4.v", "stream_fifo_w9_d4.v", "mixed_example.v"), files);
    String top = read(d.verilogFiles().get(2));
    for (String port : List.of("sel", "s_axis_tvalid", "s_axis_tready", "s_axis_tdata", "s_axis_tlast",
        "m_axis_tvalid", "m_axis_tready", "m_axis_tdata", "m_axis_tlast", "clk", "rst")) {
      assertTrue(Pattern.compile("(input|output)\\s+(wire|reg)\\s+(\\[\\d+:0\\]\\s+)?" + port + "\\b").matcher(top).find(),
          "port " + port);
    }
    assertTrue(top.contains("counter_w4 counter0 ("), "children keep their Java names");
    assertTrue(top.contains("(* ram_style = \"block\" *)"), "Xilinx RAM attribute");
    assertTrue(top.contains("case(sel)"), "switchOn emits a case statement");
    assertTrue(top.contains("facade test"), "every file carries the header");
    assertLintClean(d);
  }

  @Test
  void noGeneratedNameReachesAPortList() throws IOException {
    for (EmittedDesign d : List.of(emit("ports-mixed", Vendor.XILINX, ExampleModules.Mixed::new),
        emit("ports-cdc", Vendor.XILINX, () -> new ExampleModules.TwoClocks(Vendor.XILINX)))) {
      for (Path f : d.verilogFiles()) {
        String text = read(f);
        Matcher header = Pattern.compile("module \\w+ \\((.*?)\\);", Pattern.DOTALL).matcher(text);
        assertTrue(header.find(), f.toString());
        assertFalse(header.group(1).contains("_zz_"), "generated name in the ports of " + f);
      }
    }
  }

  @Test
  void xilinxResetIsSynchronousIntelResetIsAsynchronous() throws IOException {
    String xilinx = read(emit("reset-x", Vendor.XILINX, () -> new ExampleModules.Counter(8)).verilogFiles().get(0));
    String intel = read(emit("reset-i", Vendor.INTEL, () -> new ExampleModules.Counter(8)).verilogFiles().get(0));
    assertTrue(xilinx.contains("always @(posedge clk) begin"), xilinx);
    assertTrue(intel.contains("always @(posedge clk or posedge rst) begin"), intel);
  }

  @Test
  void intelMemoriesGetTheM20kAttribute() throws IOException {
    EmittedDesign d = emit("intel-ram", Vendor.INTEL, () -> new ExampleModules.IntelRam());
    assertTrue(read(d.verilogFiles().get(0)).contains("(* ramstyle = \"M20K\" *)"));
    assertLintClean(d);
  }

  @Test
  void clockCrossingFifoElaboratesAndLints() throws IOException {
    EmittedDesign d = emit("cdc", Vendor.XILINX, () -> new ExampleModules.TwoClocks(Vendor.XILINX));
    String top = read(d.verilogFiles().get(d.verilogFiles().size() - 1));
    assertTrue(top.contains("stream_fifo_cc_w16_d8 crossing ("), top);
    assertTrue(top.contains("clk_b"), top);
    // StreamFifoCC bridges the write-side reset into the read clock with an asynchronously
    // asserted synchroniser, so under a synchronous-reset (Xilinx) domain Verilator reports rst
    // as used both ways. That is the library's design; it is the one warning allowed here.
    BuildContext ctx = BuildContext.detect(TestPaths.verilatorCache(), TestPaths.freshDir("facade-lint"), 1);
    String warnings = new VerilatorBuilder(ctx, new TemplateRenderer()).lint(d);
    List<String> unexpected = warnings.lines().filter(l -> l.startsWith("%Warning"))
        .filter(l -> !(l.startsWith("%Warning-SYNCASYNCNET") && l.contains("'rst'"))).toList();
    assertEquals(List.of(), unexpected, warnings);
  }

  @Test
  void blackBoxesAreInstantiatedWithTheirParameters() throws IOException {
    EmittedDesign d = emit("blackbox", Vendor.XILINX, ExampleModules.WithBlackBox::new);
    assertEquals(1, d.verilogFiles().size(), "no file is written for a black box");
    String top = read(d.verilogFiles().get(0));
    assertTrue(top.contains("gth_lane_wrapper #("), top);
    assertTrue(Pattern.compile("\\.LANES\\s*\\(4\\s*\\)").matcher(top).find(), top);
    assertTrue(Pattern.compile("\\.LINE_RATE\\s*\\(\"10.3125\"\\)").matcher(top).find(), top);
    assertTrue(top.contains(") gt0 ("), top);
  }

  @Test
  void widthMismatchNamesTheJavaLine() throws IOException {
    HdlException e = assertThrows(HdlException.class, () -> emit("width-bug", Vendor.XILINX, ExampleModules.WidthBug::new));
    assertTrue(e.getMessage().contains("WIDTH MISMATCH"), e.getMessage());
    assertPointsAt(e.getMessage(), "y.assign(a);");
  }

  @Test
  void latchNamesTheJavaLine() throws IOException {
    HdlException e = assertThrows(HdlException.class, () -> emit("latch-bug", Vendor.XILINX, ExampleModules.LatchBug::new));
    assertTrue(e.getMessage().contains("LATCH"), e.getMessage());
    assertPointsAt(e.getMessage(), "out(\"y\", Type.uint(8));");
  }

  @Test
  void combinationalLoopNamesTheJavaLine() throws IOException {
    HdlException e = assertThrows(HdlException.class, () -> emit("loop-bug", Vendor.XILINX, ExampleModules.LoopBug::new));
    assertTrue(e.getMessage().contains("LOOP"), e.getMessage());
    assertTrue(e.getMessage().contains("ExampleModules.java:"), e.getMessage());
  }

  @Test
  void literalThatDoesNotFitNamesTheJavaLine() throws IOException {
    HdlException e = assertThrows(HdlException.class, () -> emit("literal-bug", Vendor.XILINX, ExampleModules.LiteralBug::new));
    assertTrue(e.getMessage().contains("300 does not fit in 4 bits"), e.getMessage());
    assertPointsAt(e.getMessage(), "y.assign(300);");
  }

  /** The message cites ExampleModules.java:N and line N holds the offending statement. */
  private static void assertPointsAt(String message, String statement) throws IOException {
    Matcher m = Pattern.compile("ExampleModules\\.java:(\\d+)").matcher(message);
    assertTrue(m.find(), "no Java location in: " + message);
    List<String> source = Files.readAllLines(TestPaths.repoRoot()
        .resolve("generator/src/test/java/org/shardwire/hdltest/ExampleModules.java"));
    String line = source.get(Integer.parseInt(m.group(1)) - 1);
    assertTrue(line.contains(statement), "line " + m.group(1) + " is '" + line.strip() + "', expected " + statement);
  }
}
