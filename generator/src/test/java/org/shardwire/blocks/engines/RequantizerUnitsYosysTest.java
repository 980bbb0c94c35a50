package org.shardwire.blocks.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.blocks.engines.conv.RequantTable;
import org.shardwire.blocks.engines.conv.Requantizer;
import org.shardwire.blocks.engines.conv.RequantizerConfig;
import org.shardwire.blocks.engines.elementwise.AddEngineConfig;
import org.shardwire.blocks.engines.pool.AvgPoolEngineConfig;
import org.shardwire.blocks.engines.pool.GlobalAvgPoolEngineConfig;
import org.shardwire.blocks.engines.routing.ConcatEngineConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.model.Shape;
import org.shardwire.sim.YosysSynthesis;
import org.shardwire.testing.TestPaths;

/**
 * The multiplier units a requantizer's product takes ({@link RequantProduct#units}) are what
 * yosys 0.23 builds: {@code synth_xilinx -family xcup} (DSP48E2) and the Intel proxy
 * {@code synth_intel_alm -family cyclone10gx} (18 x 19 units, a 27 x 27 block two). The cases
 * cover each width class: an int8 value times a wide constant M and times one with trailing
 * zeros, a sum times M, a table of constants behind a select, and a conv requantizer's
 * per-channel M from its ROM (32 x 32 bits).
 */
class RequantizerUnitsYosysTest {
  /** M for 0.37: 31 significant bits. */
  private static final RequantConstants WIDE = new RequantConstants(1588846019, 32);
  /** M = 0x4E20_0000 (0.61): 10 significant bits once synthesis turns its 21 trailing zeros into a shift. */
  private static final RequantConstants NARROW = new RequantConstants(0x4E20_0000, 31);
  private static final RequantConstants OTHER = new RequantConstants(1333333333, 31);

  /** The default suite's cases (seconds each): an int8 value times constants of both width classes. */
  static Stream<Arguments> designs() {
    return Stream.of(Vendor.values()).map(v -> Arguments.of(v, "add int8 x wide and narrow M",
        new AddEngineConfig(Shape.of(2, 2, 4), 2, WIDE, NARROW, ClampBounds.FULL)));
  }

  /** The other engines with a constant M (10-15 s of yosys each). */
  static Stream<Arguments> moreDesigns() {
    List<Arguments> out = new java.util.ArrayList<>();
    for (Vendor v : Vendor.values()) {
      out.add(Arguments.of(v, "global average pool: sum x M",
          new GlobalAvgPoolEngineConfig(Shape.of(4, 4, 2), 2, WIDE, v.lutRamStyle())));
      out.add(Arguments.of(v, "concat: int8 x one of two M",
          new ConcatEngineConfig(List.of(Shape.of(2, 2, 2), Shape.of(2, 2, 2)), 2, List.of(WIDE, OTHER),
              List.of(v.lutRamStyle(), v.lutRamStyle()))));
      out.add(Arguments.of(v, "average pool: sum x one of the divisors' M",
          new AvgPoolEngineConfig(Shape.of(6, 6, 2), 2, WindowGeometry.square(3, 2, 1), false,
              List.of(WIDE, OTHER, NARROW, WIDE, OTHER, NARROW, WIDE, OTHER, NARROW), v.defaultRamStyle())));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("designs")
  void enginesBuildTheUnitsTheyState(Vendor vendor, String what, EngineConfig c) {
    assertBuildsItsUnits(vendor, c);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("moreDesigns")
  void moreEnginesBuildTheUnitsTheyState(Vendor vendor, String what, EngineConfig c) {
    assertBuildsItsUnits(vendor, c);
  }

  private static void assertBuildsItsUnits(Vendor vendor, EngineConfig c) {
    int units = c.macMultipliers() + c.requantProducts().stream().mapToInt(p -> p.units(vendor)).sum();
    assertEquals(units, synthesisedMultipliers(vendor, c.moduleName(), c::newModule), c.requantProducts().toString());
  }

  /** Intel in the default suite (5 s of yosys); Xilinx (40 s) in the slow profile. */
  @Test
  void aConvRequantizerTakesAFull32By32ProductPerLaneOnIntel() {
    assertConvRequantizerUnits(Vendor.INTEL);
  }

  @Tag("slow")
  @Test
  void aConvRequantizerTakesAFull32By32ProductPerLaneOnXilinx() {
    assertConvRequantizerUnits(Vendor.XILINX);
  }

  private static void assertConvRequantizerUnits(Vendor vendor) {
    int lanes = 2;
    int folds = 4;
    Random rnd = new Random(7);
    int[] bias = new int[lanes * folds];
    int[] m = new int[lanes * folds];
    int[] s = new int[lanes * folds];
    for (int o = 0; o < m.length; o++) {
      bias[o] = rnd.nextInt(1 << 16);
      m[o] = (1 << 30) + rnd.nextInt(1 << 30);
      s[o] = 31 + rnd.nextInt(8);
    }
    RequantizerConfig c = new RequantizerConfig(lanes, folds, new RequantTable(bias, m, s, -128, 127), 16 * folds,
        vendor.defaultRamStyle());
    int units = Collections.nCopies(lanes, RequantProduct.perChannel()).stream().mapToInt(p -> p.units(vendor)).sum();
    assertEquals(units, synthesisedMultipliers(vendor, c.moduleName(), () -> new Requantizer(c)));
  }

  private static double synthesisedMultipliers(Vendor vendor, String name, Supplier<Module> module) {
    Path dir = TestPaths.freshDir("yosys-requant/" + vendor + "-" + name);
    EmittedDesign d = new VerilogEmitter(vendor, GeneratorStamp.header("yosys test", name)).emit(module, dir);
    List<String> files = d.verilogFiles().stream().map(f -> f.getFileName().toString()).toList();
    YosysSynthesis.Resources r = YosysSynthesis.synthesise(dir, files, d.topModule(), vendor == Vendor.INTEL, 600);
    return r.multipliers();
  }
}
