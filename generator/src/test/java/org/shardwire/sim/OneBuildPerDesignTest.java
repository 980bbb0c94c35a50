package org.shardwire.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.mac.MacArrayConfig;
import org.shardwire.blocks.mac.MacArrayGolden;
import org.shardwire.blocks.mac.MacBeat;
import org.shardwire.blocks.mac.PackedMacArray;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.BlockSim;
import org.shardwire.testing.TestPaths;

/**
 * What a Verilator build costs once is not paid again: runs of one design under different
 * back-pressure, seed or cycle budget share its build (the stream driver takes them at run time),
 * and Verilator's run-time library is compiled by the first build in a cache and linked into the
 * next ones.
 */
class OneBuildPerDesignTest {

  private static List<MacBeat> beats(MacArrayConfig c) {
    Random rnd = new Random(3);
    List<MacBeat> beats = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] a = new byte[c.simd()];
      byte[] w = new byte[c.simd() * c.pe()];
      rnd.nextBytes(a);
      rnd.nextBytes(w);
      beats.add(new MacBeat(a, w, i % 4 == 0, i % 4 == 3));
    }
    return beats;
  }

  private static Map<String, List<List<BigInteger>>> vectors(MacArrayConfig c) {
    List<List<BigInteger>> in = new ArrayList<>();
    for (MacBeat b : beats(c)) {
      in.add(b.toVector(c));
    }
    return Map.of("s_axis", in, "m_axis", MacArrayGolden.toVectors(MacArrayGolden.run(c, beats(c))));
  }

  private static Testbench bench(MacArrayConfig c, int gap, int stall, long maxCycles) {
    return new Testbench(PackedMacArray.moduleName(c), List.of(
        StreamPort.input("s_axis", PackedMacArray.inputShape(c)),
        StreamPort.output("m_axis", c.outputShape())), gap, stall, maxCycles);
  }

  @Test
  void backPressureSeedAndBudgetAreRunOptionsNotBuilds() {
    MacArrayConfig c = new MacArrayConfig(4, 2); // CheckerCanFailTest's design: one build for both classes
    EmittedDesign d = BlockSim.emit("one-build/mac", () -> new PackedMacArray(c), c);
    StreamSimulator.Run pressed = BlockSim.simulate("one-build/pressed", d, bench(c, 40, 40, 10_000), vectors(c));
    StreamSimulator.Run free = BlockSim.simulate("one-build/free", d, bench(c, 0, 0, 10_000), vectors(c));
    StreamSimulator.Run cut = BlockSim.simulate("one-build/cut", d, bench(c, 0, 0, 5), vectors(c));
    BuildContext otherSeed = BuildContext.detect(TestPaths.verilatorCache(), TestPaths.freshDir("one-build/seed"),
        BlockSim.SEED + 1);
    StreamSimulator.Run reseeded = new StreamSimulator(otherSeed).simulate(d, bench(c, 40, 40, 10_000), vectors(c));

    assertTrue(pressed.result().passed(), pressed.result().failureReport());
    assertTrue(free.result().passed(), free.result().failureReport());
    assertTrue(reseeded.result().passed(), reseeded.result().failureReport());
    for (StreamSimulator.Run later : List.of(free, cut, reseeded)) {
      assertTrue(later.build().cached(), "a second build of one design");
      assertEquals(pressed.build().hash(), later.build().hash());
    }
    // The options take effect: back-pressure costs cycles, another seed another pattern, a
    // budget of 5 cycles times the run out.
    long at40 = pressed.result().outputs().get("m_axis").lastCycle();
    long at0 = free.result().outputs().get("m_axis").lastCycle();
    assertTrue(at40 > at0, "with back-pressure " + at40 + ", without " + at0);
    assertFalse(at40 == reseeded.result().outputs().get("m_axis").lastCycle(), "the seed changed nothing");
    assertTrue(cut.result().timedOut(), cut.result().failureReport());
  }

  @Test
  void theRunTimeLibraryIsCompiledOnceAndLinkedIntoLaterBuilds() throws IOException {
    Path cache = TestPaths.freshDir("one-build/runtime-cache");
    BuildContext ctx = BuildContext.detect(cache, TestPaths.freshDir("one-build/runtime-run"), BlockSim.SEED);
    StreamSimulator sim = new StreamSimulator(ctx);
    MacArrayConfig first = new MacArrayConfig(1, 1);
    StreamSimulator.Run a = sim.simulate(BlockSim.emit("one-build/first", () -> new PackedMacArray(first), first),
        bench(first, 20, 20, 10_000), vectors(first));
    assertTrue(a.result().passed(), a.result().failureReport());

    List<Path> kept = runtimeDirs(cache);
    assertEquals(1, kept.size(), "one kept run-time library: " + kept);
    try (Stream<Path> s = Files.list(kept.get(0))) {
      assertEquals(List.of("objects.txt", "verilated.o", "verilated_threads.o"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }

    MacArrayConfig second = new MacArrayConfig(3, 1);
    EmittedDesign d = BlockSim.emit("one-build/second", () -> new PackedMacArray(second), second);
    VerilatorBuilder builder = new VerilatorBuilder(ctx, new TemplateRenderer());
    assertFalse(builder.isCached(d, new TemplateRenderer().render("verilator/stream_driver.cpp.vm",
        DriverView.of(bench(second, 20, 20, 10_000), ctx.seed()))), "the second design is not built yet");
    StreamSimulator.Run b = sim.simulate(d, bench(second, 20, 20, 10_000), vectors(second));
    assertFalse(b.build().cached());
    assertTrue(b.result().passed(), b.result().failureReport());
    assertEquals(kept, runtimeDirs(cache), "the second build keeps no library of its own");

    // Later builds link the kept objects rather than compiling their own: spoil one, and the
    // next build's link fails on it.
    Files.writeString(kept.get(0).resolve("verilated.o"), "not an object file");
    MacArrayConfig third = new MacArrayConfig(1, 2);
    EmittedDesign t = BlockSim.emit("one-build/third", () -> new PackedMacArray(third), third);
    SimulationException e = assertThrows(SimulationException.class,
        () -> sim.simulate(t, bench(third, 20, 20, 10_000), vectors(third)));
    assertTrue(e.getMessage().contains(kept.get(0).resolve("verilated.o").toString()), e.getMessage());
  }

  /**
   * A traced build links the kept FST writer too, with the zlib it needs after it: the second
   * traced design in a cache failed to link (undefined compress2) before, which a board-alone
   * trace after a cluster trace hit in the default suite.
   */
  @Test
  void aTracedBuildLinksTheKeptFstWriter() throws IOException {
    Path cache = TestPaths.freshDir("one-build/traced-cache");
    BuildContext ctx = BuildContext.detect(cache, TestPaths.freshDir("one-build/traced-run"), BlockSim.SEED);
    VerilatorBuilder builder = new VerilatorBuilder(ctx, new TemplateRenderer());
    List<VerilatorBuilder.Build> builds = new ArrayList<>();
    for (MacArrayConfig c : List.of(new MacArrayConfig(1, 1), new MacArrayConfig(2, 1))) {
      EmittedDesign d = BlockSim.emit("one-build/traced-" + c.pe(), () -> new PackedMacArray(c), c);
      String driver = new TemplateRenderer().render("verilator/stream_driver.cpp.vm",
          DriverView.of(bench(c, 0, 0, 1_000), ctx.seed()));
      builds.add(builder.build(d, driver, true, VerilatorBuilder.Optimisation.QUICK_BUILD));
    }
    List<Path> kept = runtimeDirs(cache);
    assertEquals(1, kept.size(), kept.toString());
    assertTrue(Files.isRegularFile(kept.get(0).resolve("verilated_fst_c.o")), "the traced library keeps the FST writer");
    for (VerilatorBuilder.Build b : builds) {
      assertFalse(b.cached());
      assertTrue(Files.isExecutable(b.executable()), b.toString());
    }
  }

  private static List<Path> runtimeDirs(Path cache) throws IOException {
    try (Stream<Path> s = Files.list(cache)) {
      return s.filter(p -> p.getFileName().toString().startsWith("verilator-runtime-")).sorted().toList();
    }
  }

  @Test
  void theLibraryIsReadFromTheGeneratedMakefile() {
    // As Verilator 5.006 writes V<top>_classes.mk.
    String mk = """
        # Global classes, need linked once per executable, fast-path, compile with highest optimization
        VM_GLOBAL_FAST += \\
        \tverilated \\
        \tverilated_threads \\
        \tverilated_fst_c \\

        # Global classes, need linked once per executable, non-fast-path, compile with low/medium optimization
        VM_GLOBAL_SLOW += \\

        """;
    assertEquals(List.of("verilated", "verilated_threads", "verilated_fst_c"), VerilatorRuntime.globalObjects(mk));
  }
}
