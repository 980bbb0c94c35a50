package org.shardwire.blocks.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.shardwire.golden.TensorVectors;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.model.Shape;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.sim.SimResult;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.Testbench;
import org.shardwire.testing.BlockSim;

/**
 * Runs an engine ({@link EngineConfig}) in Verilator: one emitted design per config, stimulus and
 * expected beats per port, with or without random back-pressure; and measures its steady-state
 * frame spacing against {@link EngineConfig#cyclesPerFrame()}.
 */
public final class EngineBench {
  private EngineBench() {}

  /** Back-pressure of the correctness runs: the source idles and the sink stalls this often (%). */
  public static final int GAP = 30;
  public static final int STALL = 30;

  public static Testbench bench(EngineConfig c, int gap, int stall, long frames) {
    List<StreamPort> ports = new ArrayList<>();
    for (TensorStream s : c.inputs()) {
      ports.add(StreamPort.input(s.port(), s.axisShape()));
    }
    for (TensorStream s : c.outputs()) {
      ports.add(StreamPort.output(s.port(), s.axisShape()));
    }
    long budget = 20_000 + frames * Math.max(c.cyclesPerFrame(), maxWords(c)) * (gap + stall > 0 ? 12 : 3);
    return new Testbench(c.moduleName(), ports, gap, stall, budget);
  }

  private static long maxWords(EngineConfig c) {
    long m = 0;
    for (TensorStream s : c.inputs()) {
      m = Math.max(m, s.wordsPerFrame());
    }
    for (TensorStream s : c.outputs()) {
      m = Math.max(m, s.wordsPerFrame());
    }
    return m;
  }

  public static EmittedDesign emit(String caseName, EngineConfig c) {
    return BlockSim.emit(caseName, c::newModule, c);
  }

  /** Simulates and fails with the driver's report on any mismatch, missing beat or hang. */
  public static SimResult run(String caseName, EngineConfig c, EmittedDesign design,
                              Map<String, List<List<BigInteger>>> vectors, int gap, int stall, long frames) {
    return BlockSim.assertPassed(BlockSim.simulate(caseName, design, bench(c, gap, stall, frames), vectors));
  }

  /**
   * Steady-state cycles per frame without back-pressure: the last output beat of frame n+k minus
   * that of frame n, over k, from two runs of n and n+k frames (same build). {@code vectorsFor}
   * gives the vectors of the first {@code frames} frames.
   */
  public static double measuredCyclesPerFrame(String caseName, EngineConfig c, EmittedDesign design,
                                              java.util.function.IntFunction<Map<String, List<List<BigInteger>>>>
                                                  vectorsFor) {
    int n = 2;
    int k = 2;
    String port = c.outputs().get(0).port();
    SimResult a = run(caseName + "/ii-a", c, design, vectorsFor.apply(n), 0, 0, n);
    SimResult b = run(caseName + "/ii-b", c, design, vectorsFor.apply(n + k), 0, 0, n + k);
    return (b.outputs().get(port).lastCycle() - a.outputs().get(port).lastCycle()) / (double) k;
  }

  /** Asserts the measured frame spacing is within 10% of the engine's stated II. */
  public static void assertCyclesPerFrame(EngineConfig c, double measured) {
    double stated = c.cyclesPerFrame();
    System.out.printf("II %s: measured %.1f, stated %.0f cycles per frame (%+.1f%%)%n", c.moduleName(), measured,
        stated, 100 * (measured - stated) / stated);
    assertTrue(Math.abs(measured - stated) <= 0.10 * stated,
        c.moduleName() + ": measured " + measured + " cycles per frame, stated " + stated);
  }

  /** Random int8 frames; about one value in ten is an extreme (-128 or 127). */
  public static List<Int8Tensor> randomFrames(Shape shape, int count, Random rnd) {
    List<Int8Tensor> frames = new ArrayList<>();
    for (int f = 0; f < count; f++) {
      byte[] b = new byte[(int) shape.elements()];
      for (int i = 0; i < b.length; i++) {
        int pick = rnd.nextInt(10);
        b[i] = (byte) (pick == 0 ? -128 : pick == 1 ? 127 : rnd.nextInt(256) - 128);
      }
      frames.add(Int8Tensor.activation(shape, b));
    }
    return frames;
  }

  /** Frames streamed back to back, each with tlast on its last word. */
  public static List<List<BigInteger>> stream(List<Int8Tensor> frames, int lanes) {
    List<List<BigInteger>> beats = new ArrayList<>();
    for (Int8Tensor f : frames) {
      beats.addAll(TensorVectors.beats(f, lanes, true));
    }
    return beats;
  }

  public static Map<String, List<List<BigInteger>>> vectors(String in, List<List<BigInteger>> input, String out,
                                                            List<List<BigInteger>> expected) {
    Map<String, List<List<BigInteger>>> m = new LinkedHashMap<>();
    m.put(in, input);
    m.put(out, expected);
    return m;
  }

  public static void assertBeats(SimResult r, String port, long expected) {
    assertEquals(expected, r.outputs().get(port).beats(), port + " beats");
  }
}
