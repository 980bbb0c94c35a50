package org.shardwire.bench;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.shardwire.blocks.mac.MacArray;
import org.shardwire.blocks.mac.MacArrayConfig;
import org.shardwire.blocks.mac.MacArrayGolden;
import org.shardwire.blocks.mac.MacBeat;
import org.shardwire.emit.AtomicOutput;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.SimResult;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.StreamSimulator;
import org.shardwire.sim.Testbench;

/**
 * The foundation's speed figures for the largest MAC array of the test sweep (PE 8 x SIMD 16):
 * elaboration + emit time, Verilator build time cold and cached, simulated cycles per second.
 * Usage: BlockBench WORKDIR. Prints a Markdown table for bench/RESULTS.md.
 */
public final class BlockBench {
  private static final MacArrayConfig LARGEST = new MacArrayConfig(16, 8);
  private static final int BEATS = 200_000;
  private static final int EMIT_RUNS = 5;

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "bench-work").toAbsolutePath();
    AtomicOutput.deleteTree(work);
    Files.createDirectories(work);
    String header = GeneratorStamp.header("bench", LARGEST.toString());

    double[] emitSeconds = new double[EMIT_RUNS];
    EmittedDesign design = null;
    for (int i = 0; i < EMIT_RUNS; i++) {
      long t0 = System.nanoTime();
      design = new VerilogEmitter(Vendor.XILINX, header).emit(() -> new MacArray(LARGEST), work.resolve("rtl" + i));
      emitSeconds[i] = (System.nanoTime() - t0) / 1e9;
    }

    List<MacBeat> beats = new ArrayList<>(BEATS);
    Random rnd = new Random(1);
    for (int i = 0; i < BEATS; i++) {
      byte[] a = new byte[LARGEST.simd()];
      byte[] w = new byte[LARGEST.pe() * LARGEST.simd()];
      rnd.nextBytes(a);
      rnd.nextBytes(w);
      beats.add(new MacBeat(a, w, i % 16 == 0, i % 16 == 15));
    }
    List<List<BigInteger>> in = new ArrayList<>(BEATS);
    for (MacBeat b : beats) {
      in.add(b.toVector(LARGEST));
    }
    Map<String, List<List<BigInteger>>> vectors =
        Map.of("s_axis", in, "m_axis", MacArrayGolden.toVectors(MacArrayGolden.run(LARGEST, beats)));
    Testbench tb = new Testbench(LARGEST.moduleName(), List.of(StreamPort.input("s_axis", LARGEST.inputShape()),
        StreamPort.output("m_axis", LARGEST.outputShape())), 0, 0, 10L * BEATS);

    BuildContext ctx = BuildContext.detect(work.resolve("cache"), work.resolve("run"), 1);
    StreamSimulator sim = new StreamSimulator(ctx);
    long t0 = System.nanoTime();
    if (sim.builder().build(design, tb).cached()) {
      throw new IllegalStateException("the cold build came from a cache");
    }
    double coldBuild = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    StreamSimulator.Run run = sim.simulate(design, tb, vectors);
    double runTotal = (System.nanoTime() - t1) / 1e9;
    if (!run.build().cached()) {
      throw new IllegalStateException("the second build was not served from the cache");
    }
    long t2 = System.nanoTime();
    sim.builder().build(design, tb);
    double cachedBuild = (System.nanoTime() - t2) / 1e9;
    SimResult r = run.result();
    if (!r.passed()) {
      throw new IllegalStateException("bench run failed:\n" + r.failureReport());
    }

    double[] sorted = emitSeconds.clone();
    Arrays.sort(sorted);
    System.out.println("| figure | value |");
    System.out.println("|---|---|");
    System.out.printf("| design | %s (%d multipliers), Xilinx |%n", LARGEST.moduleName(), LARGEST.multipliers());
    System.out.printf("| elaboration + emit, first in JVM | %.2f s |%n", emitSeconds[0]);
    System.out.printf("| elaboration + emit, median of %d | %.2f s |%n", EMIT_RUNS, sorted[EMIT_RUNS / 2]);
    System.out.printf("| Verilator build, cold (-O3, OPT_FAST=-O3, -j 2) | %.1f s |%n", coldBuild);
    System.out.printf("| Verilator build, cached (hash + lookup) | %.3f s |%n", cachedBuild);
    System.out.printf("| simulated cycles | %d (%d input beats, no back-pressure) |%n", r.cycles(), BEATS);
    System.out.printf("| simulation speed (driver loop, vectors compared every cycle) | %.2f M cycles/s |%n",
        r.cyclesPerSecond() / 1e6);
    System.out.printf("| whole simulate call (write vectors, run, parse) | %.1f s |%n", runTotal);
  }
}
