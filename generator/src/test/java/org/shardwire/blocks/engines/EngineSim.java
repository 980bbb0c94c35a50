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
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.model.Shape;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.SimResult;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.Testbench;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.BlockSim;
import org.shardwire.testing.TestPaths;

/**
 * Simulates an engine over whole frames: each frame is one tensor per input port and the
 * golden tensor per output port, streamed back to back (tlast on each frame's last word).
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
    assertTrue(frames.size() >= 1);
    Map<String, List<List<BigInteger>>> vectors = new LinkedHashMap<>();
    long words = 0;
    for (int i = 0; i < c.inputs().size(); i++) {
      TensorStream s = c.inputs().get(i);
      List<List<BigInteger>> beats = new ArrayList<>();
      for (Frame f : frames) {
        Int8Tensor t = f.inputs().get(i);
        assertEquals(s.shape(), t.shape(), "frame tensor for " + s.port());
        beats.addAll(TensorVectors.beats(t, s.lanes(), true));
      }
      words += beats.size();
      vectors.put(s.port(), beats);
    }
    for (int i = 0; i < c.outputs().size(); i++) {
      TensorStream s = c.outputs().get(i);
      List<List<BigInteger>> beats = new ArrayList<>();
      for (Frame f : frames) {
        Int8Tensor t = f.outputs().get(i);
        assertEquals(s.shape(), t.shape(), "expected tensor for " + s.port());
        beats.addAll(TensorVectors.beats(t, s.lanes(), true));
      }
      words += beats.size();
      vectors.put(s.port(), beats);
    }
    long budget = 20 * (words + frames.size() * c.cyclesPerFrame()) + 20_000;
    SimResult r = BlockSim.assertPassed(BlockSim.simulate(caseName, design, bench(c, gap, stall, budget), vectors));
    for (int i = 0; i < c.outputs().size(); i++) {
      TensorStream s = c.outputs().get(i);
      assertEquals(frames.size() * s.wordsPerFrame(), r.outputs().get(s.port()).beats(), s.port() + " words");
    }
    return r;
  }

  /**
   * Steady-state cycles per frame without back-pressure: the difference between the last output
   * cycle of a 4-frame and a 2-frame run, halved (fill latency cancels out). Asserts it is within
   * 10% of {@link EngineConfig#cyclesPerFrame()} and returns it.
   */
  public static double assertThroughput(String caseName, EngineConfig c, List<Frame> fourFrames) {
    assertEquals(4, fourFrames.size());
    EmittedDesign design = emit(caseName, c);
    SimResult two = run(caseName + "-2", design, c, fourFrames.subList(0, 2), 0, 0);
    SimResult four = run(caseName + "-4", design, c, fourFrames, 0, 0);
    String port = c.outputs().get(0).port();
    double spacing = (four.outputs().get(port).lastCycle() - two.outputs().get(port).lastCycle()) / 2.0;
    long ii = c.cyclesPerFrame();
    System.out.printf("II %s: measured %.1f, stated %d cycles per frame (%+.1f%%)%n", c.moduleName(), spacing, ii,
        100 * (spacing - ii) / ii);
    assertTrue(Math.abs(spacing - ii) <= 0.10 * ii, c.moduleName() + ": measured " + spacing
        + " cycles per frame, contract says " + ii);
    return spacing;
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
}
