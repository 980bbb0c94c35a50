package org.shardwire.blocks.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shardwire.blocks.engines.conv.ConvEngineConfig;
import org.shardwire.blocks.engines.conv.DepthwiseConvEngineConfig;
import org.shardwire.blocks.engines.conv.RequantTable;
import org.shardwire.blocks.engines.window.SlidingWindowConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.TestPaths;

/**
 * Every module the conv engines emit (engine top, window, weight ROM, MAC arrays, requantizer,
 * FIFOs) passes {@code verilator --lint-only -Wall} as its own top, for both vendors' reset
 * styles and memory primitives.
 */
class EnginesLintTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(Vendor.class)
  void everyEngineModuleIsLintClean(Vendor vendor) {
    RamStyle big = vendor == Vendor.INTEL ? RamStyle.INTEL_M20K : RamStyle.XILINX_BLOCK;
    Random rnd = new Random(1);
    Shape in = Shape.of(6, 5, 8);
    WindowGeometry g = new WindowGeometry(3, 3, 2, 1, new Padding(1, 1, 0, 1));
    int kArea = 9;
    ConvEngineConfig conv = new ConvEngineConfig(in, 6, g, 2, 3, 4, bytes(6 * kArea * 4, rnd), table(6), big, big);
    DepthwiseConvEngineConfig dw = new DepthwiseConvEngineConfig(in, g, 2, bytes(8 * kArea, rnd), table(8), big, big);
    ConvEngineConfig fc = ConvEngineConfig.fullyConnected(Shape.vector(16), 3, 3, 16, bytes(48, rnd), table(3), big,
        big);
    SlidingWindowConfig window = SlidingWindowConfig.simple(in, 4, WindowGeometry.square(1, 2, 0), big);
    for (EngineConfig c : List.<EngineConfig>of(conv, dw, fc, window)) {
      java.nio.file.Path dir = TestPaths.freshDir("engines-lint/" + vendor + "/" + c.moduleName());
      EmittedDesign d = new VerilogEmitter(vendor, GeneratorStamp.header("lint test", c.toString()))
          .emit(c::newModule, dir);
      VerilatorBuilder verilator = new VerilatorBuilder(BuildContext.detect(TestPaths.verilatorCache(), dir, 1),
          new TemplateRenderer());
      assertTrue(d.verilogFiles().size() >= (c == window ? 2 : 6), d.verilogFiles().toString());
      for (java.nio.file.Path f : d.verilogFiles()) {
        String module = f.getFileName().toString().replace(".v", "");
        assertEquals("", verilator.lint(new EmittedDesign(module, d.verilogFiles(), List.of())),
            module + " is not lint-clean");
      }
    }
  }

  static byte[] bytes(int n, Random rnd) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (rnd.nextInt(255) - 127);
    }
    return b;
  }

  static RequantTable table(int n) {
    int[] bias = new int[n];
    int[] m = new int[n];
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      bias[i] = i * 100 - 50;
      m[i] = 1 << 30;
      s[i] = 20 + i;
    }
    return new RequantTable(bias, m, s, 0, 127);
  }
}
