package org.shardwire.blocks.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.shardwire.golden.TensorVectors;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.model.Shape;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.SimResult;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.StreamSimulator;
import org.shardwire.sim.Testbench;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.BlockSim;
import org.shardwire.testing.TestPaths;

/**
 * Simulates an engine ({@link EngineConfig}) in Verilator over whole frames streamed back to back
 * (tlast on each frame's last word): bit-exact runs under random back-pressure, and its
 * steady-state frame spacing without back-pressure against {@link EngineConfig#cyclesPerFrame()}.
 * Vectors are given per port, or built from {@link Frame}s (one tensor per input and output port).
 */
public final class EngineSim {
  private EngineSim() {}

  /** Random back-pressure for the bit-exact runs: input gaps and output stalls, in percent. */
  public static final int GAP = 35;
  public static final int STALL = 35;

  /** One frame: the tensors on every input port and the expected tensors on every output port. */
  public record Frame(List<Int8Tensor> inputs, List<Int8Tensor> outputs) {}

  public static Testbench bench(EngineConfig c, int gap, int stall, long maxCycles) {
    List<StreamPort> ports = new ArrayList<>();
    for (TensorStream s : c.inputs()) {
      ports.add(StreamPort.input(s.port(), s.axisShape()));
    }
    for (TensorStream s : c.outputs()) {
      ports.add(StreamPort.output(s.port(), s.axisShape()));
    }
    return new Testbench(c.moduleName(), ports, gap, stall, maxCycles);
  }

  public static EmittedDesign emit(String caseName, EngineConfig c) {
    return BlockSim.emit(caseName, c::newModule, c);
  }

  /** Streams the frames through the engine and fails on any mismatch, missing or extra word. */
  public static SimResult assertBitExact(String caseName, EngineConfig c, List<Frame> frames, int gap, int stall) {
    EmittedDesign design = emit(caseName, c);
    return run(caseName, design, c, frames, gap, stall);
  }

  public static SimResult run(String caseName, EmittedDesign design, EngineConfig c, List<Frame> frames, int gap,
      int stall) {
    return run(caseName, design, c, vectors(c, frames), frames.size(), gap, stall);
  }

  /**
   * Runs {@code frames} frames of per-port vectors and fails on any mismatch, hang, or output
   * word count other than {@code frames} whole frames.
   */
  public static SimResult run(String caseName, EmittedDesign design, EngineConfig c,
      Map<String, List<List<BigInteger>>> vectors, int frames, int gap, int stall) {
    SimResult r = BlockSim.assertPassed(simulate(caseName, design, c, vectors, frames, gap, stall));
    for (TensorStream s : c.outputs()) {
      assertEquals(frames * s.wordsPerFrame(), r.outputs().get(s.port()).beats(), s.port() + " words");
    }
    return r;
  }

  /** One run, pass or fail, with a cycle budget that scales with the words and the stated II. */
  public static StreamSimulator.Run simulate(String caseName, EmittedDesign design, EngineConfig c,
      Map<String, List<List<BigInteger>>> vectors, int frames, int gap, int stall) {
    assertTrue(frames >= 1);
    long words = vectors.values().stream().mapToLong(List::size).sum();
    long budget = 20 * (words + frames * c.cyclesPerFrame()) + 20_000;
    return BlockSim.simulate(caseName, design, bench(c, gap, stall, budget), vectors);
  }

  /** Per-port vectors of whole frames: every input and output tensor in the config's lane packing. */
  public static Map<String, List<List<BigInteger>>> vectors(EngineConfig c, List<Frame> frames) {
    Map<String, List<List<BigInteger>>> vectors = new LinkedHashMap<>();
    for (int i = 0; i < c.inputs().size(); i++) {
      TensorStream s = c.inputs().get(i);
      List<Int8Tensor> tensors = new ArrayList<>();
      for (Frame f : frames) {
        assertEquals(s.shape(), f.inputs().get(i).shape(), "frame tensor for " + s.port());
        tensors.add(f.inputs().get(i));
      }
      vectors.put(s.port(), stream(tensors, s.lanes()));
    }
    for (int i = 0; i < c.outputs().size(); i++) {
      TensorStream s = c.outputs().get(i);
      List<Int8Tensor> tensors = new ArrayList<>();
      for (Frame f : frames) {
        assertEquals(s.shape(), f.outputs().get(i).shape(), "expected tensor for " + s.port());
        tensors.add(f.outputs().get(i));
      }
      vectors.put(s.port(), stream(tensors, s.lanes()));
    }
    return vectors;
  }

  /** One input port's stimulus and one output port's expected beats. */
  public static Map<String, List<List<BigInteger>>> vectors(String in, List<List<BigInteger>> input, String out,
      List<List<BigInteger>> expected) {
    Map<String, List<List<BigInteger>>> m = new LinkedHashMap<>();
    m.put(in, input);
    m.put(out, expected);
    return m;
  }

  /** Frames streamed back to back, each with tlast on its last word. */
  public static List<List<BigInteger>> stream(List<Int8Tensor> frames, int lanes) {
    List<List<BigInteger>> beats = new ArrayList<>();
    for (Int8Tensor f : frames) {
      beats.addAll(TensorVectors.beats(f, lanes, true));
    }
    return beats;
  }

  /**
   * Steady-state cycles per frame without back-pressure: the difference between the last output
   * cycle of a 4-frame and a 2-frame run, halved (fill latency cancels out). Asserts it is within
   * {@link #CYCLES_TOLERANCE} of {@link EngineConfig#cyclesPerFrame()} and returns it.
   */
  public static double assertThroughput(String caseName, EngineConfig c, List<Frame> fourFrames) {
    assertEquals(4, fourFrames.size());
    double spacing = measuredCyclesPerFrame(caseName, c, emit(caseName, c),
        n -> vectors(c, fourFrames.subList(0, n)));
    assertCyclesPerFrame(c, spacing);
    return spacing;
  }

  /**
   * The same measurement on a design already emitted; {@code vectorsFor} gives the vectors of the
   * first {@code n} frames (n = 2 and 4).
   */
  public static double measuredCyclesPerFrame(String caseName, EngineConfig c, EmittedDesign design,
      IntFunction<Map<String, List<List<BigInteger>>>> vectorsFor) {
    SimResult two = run(caseName + "-2", design, c, vectorsFor.apply(2), 2, 0, 0);
    SimResult four = run(caseName + "-4", design, c, vectorsFor.apply(4), 4, 0, 0);
    String port = c.outputs().get(0).port();
    return (four.outputs().get(port).lastCycle() - two.outputs().get(port).lastCycle()) / 2.0;
  }

  /**
   * How far an engine's measured steady state may be from its stated II. Every engine measured in
   * the default suite meets its II exactly; 10% (before) let a decimating window that starved its
   * MACs by 7.9% pass its own test, and ResNet-50's board 0 ran 7.9% slow (docs/engines.md,
   * "SlidingWindow"). 2% leaves room only for rounding in a config's figure.
   */
  public static final double CYCLES_TOLERANCE = 0.02;

  /** Asserts the measured frame spacing is within {@link #CYCLES_TOLERANCE} of the engine's stated II. */
  public static void assertCyclesPerFrame(EngineConfig c, double measured) {
    assertCyclesPerFrame(c, measured, CYCLES_TOLERANCE);
  }

  /** Asserts the measured frame spacing is within {@code tolerance} (a fraction) of the engine's stated II. */
  public static void assertCyclesPerFrame(EngineConfig c, double measured, double tolerance) {
    long ii = c.cyclesPerFrame();
    System.out.printf("II %s: measured %.1f, stated %d cycles per frame (%+.2f%%)%n", c.moduleName(), measured, ii,
        100 * (measured - ii) / ii);
    assertTrue(Math.abs(measured - ii) <= tolerance * ii, c.moduleName() + ": measured " + measured
        + " cycles per frame, contract says " + ii);
  }

  /** Every module of the design, each as its own top, passes {@code verilator --lint-only -Wall}. */
  public static void assertLintClean(String caseName, EngineConfig c, Vendor vendor) {
    java.nio.file.Path rtl = TestPaths.freshDir(caseName + "/rtl");
    EmittedDesign d = new VerilogEmitter(vendor, GeneratorStamp.header("lint test", c.toString()))
        .emit(c::newModule, rtl);
    VerilatorBuilder verilator = new VerilatorBuilder(
        BuildContext.detect(TestPaths.verilatorCache(), TestPaths.freshDir(caseName + "/lint"), 1),
        new TemplateRenderer());
    for (java.nio.file.Path f : d.verilogFiles()) {
      String module = f.getFileName().toString().replace(".v", "");
      assertEquals("", verilator.lint(new EmittedDesign(module, d.verilogFiles(), List.of())),
          module + " is not lint-clean");
    }
  }

  /** Random int8 values, a tenth of them at each extreme. */
  public static Int8Tensor randomTensor(Shape shape, Random rnd) {
    byte[] b = new byte[(int) shape.elements()];
    for (int i = 0; i < b.length; i++) {
      int pick = rnd.nextInt(10);
      b[i] = (byte) (pick == 0 ? -128 : pick == 1 ? 127 : rnd.nextInt(256) - 128);
    }
    return Int8Tensor.activation(shape, b);
  }

  /** {@code count} tensors from {@link #randomTensor}. */
  public static List<Int8Tensor> randomFrames(Shape shape, int count, Random rnd) {
    List<Int8Tensor> frames = new ArrayList<>();
    for (int f = 0; f < count; f++) {
      frames.add(randomTensor(shape, rnd));
    }
    return frames;
  }
}
