package org.shardwire.blocks.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.sim.SimResult;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.StreamSimulator;
import org.shardwire.sim.Testbench;
import org.shardwire.testing.BlockSim;

/** The generated MAC array against {@link MacArrayGolden}, under random back-pressure. */
class MacArraySimTest {

  static Stream<Arguments> sweep() {
    return Stream.of(
        Arguments.of(1, 1), Arguments.of(2, 3), Arguments.of(4, 4),
        Arguments.of(8, 2), Arguments.of(16, 1), Arguments.of(16, 8));
  }

  @ParameterizedTest(name = "simd={0} pe={1}")
  @MethodSource("sweep")
  void matchesGoldenUnderBackPressure(int simd, int pe) {
    MacArrayConfig c = new MacArrayConfig(simd, pe);
    List<MacBeat> beats = randomBeats(c, 400, new Random(simd * 131L + pe));
    String name = "mac/" + c.moduleName();
    EmittedDesign design = BlockSim.emit(name, () -> new PackedMacArray(c), c);
    Testbench tb = bench(c, 30, 30);
    SimResult r = BlockSim.assertPassed(BlockSim.simulate(name, design, tb, vectors(c, beats)));
    assertEquals(MacArrayGolden.run(c, beats).size(), r.outputs().get("m_axis").beats());
  }

  @ParameterizedTest(name = "simd={0} pe={1}")
  @MethodSource("sweep")
  void takesOneBeatPerCycleWithoutBackPressure(int simd, int pe) {
    MacArrayConfig c = new MacArrayConfig(simd, pe);
    // Every beat emits, so output beats equal input beats and the spacing is visible.
    List<MacBeat> beats = new ArrayList<>();
    Random rnd = new Random(7);
    for (int i = 0; i < 200; i++) {
      beats.add(new MacBeat(randomBytes(rnd, simd), randomBytes(rnd, simd * pe), true, true));
    }
    String name = "mac-throughput/" + c.moduleName();
    EmittedDesign design = BlockSim.emit(name, () -> new PackedMacArray(c), c);
    StreamSimulator.Run run = BlockSim.simulate(name, design, bench(c, 0, 0), vectors(c, beats));
    SimResult.PortStats out = BlockSim.assertPassed(run).outputs().get("m_axis");
    assertEquals(200, out.beats());
    assertEquals(199, out.lastCycle() - out.firstCycle(), "one output beat per cycle");
  }

  /** Packed arrays: one partial chunk (3 lanes), and three chunks (16 lanes: 7, 7, 2) over 4 pairs. */
  static Stream<Arguments> packedSweep() {
    return Stream.of(Arguments.of(3, 2), Arguments.of(16, 8));
  }

  /**
   * Two MACs per DSP (WP487) against the plain products ({@link MacArrayGolden#run}, not the packed
   * model): random dot products, beats of only -128 or only 127 (a chunk of seven -128 x -128
   * products is the largest low field), and one long dot product, every other beat all -128, that
   * wraps the int32 accumulator (1.5 x 2^31 in all).
   */
  @ParameterizedTest(name = "packed simd={0} pe={1}")
  @MethodSource("packedSweep")
  void packedMatchesThePlainProductsUnderBackPressure(int simd, int pe) {
    MacArrayConfig c = new MacArrayConfig(simd, pe, true);
    Random rnd = new Random(simd * 977L + pe);
    List<MacBeat> beats = randomBeats(c, 400, rnd);
    for (byte v : new byte[] {-128, 127}) {
      for (byte w : new byte[] {-128, 127}) {
        beats.add(new MacBeat(filled(simd, v), filled(simd * pe, w), true, true));
      }
    }
    int longRun = 2 * 3 * (1 << 16) / simd; // half the beats add simd x 2^14: 1.5 x 2^31 in all
    for (int i = 0; i < longRun; i++) {
      byte[] acts = randomBytes(rnd, simd);
      byte[] weights = randomBytes(rnd, simd * pe);
      if (i % 2 == 0) {
        acts = filled(simd, (byte) -128);
        weights = filled(simd * pe, (byte) -128);
      }
      beats.add(new MacBeat(acts, weights, i == 0, i == longRun - 1));
    }
    List<int[]> plain = MacArrayGolden.run(c, beats);
    assertTrue(java.util.Arrays.stream(plain.get(plain.size() - 1)).anyMatch(v -> v < 0),
        "the long dot product wraps the int32 accumulator");
    String name = "mac-packed/" + c.moduleName();
    EmittedDesign design = BlockSim.emit(name, () -> new PackedMacArray(c), c);
    Testbench tb = new Testbench(PackedMacArray.moduleName(c), List.of(
        StreamPort.input("s_axis", PackedMacArray.inputShape(c)),
        StreamPort.output("m_axis", c.outputShape())), 10, 10, 4_000_000);
    SimResult r = BlockSim.assertPassed(BlockSim.simulate(name, design, tb, vectors(c, beats)));
    assertEquals(plain.size(), r.outputs().get("m_axis").beats());
  }

  @Test
  void packedTakesOneBeatPerCycle() {
    MacArrayConfig c = new MacArrayConfig(16, 8, true);
    int simd = c.simd();
    int pe = c.pe();
    List<MacBeat> beats = new ArrayList<>();
    Random rnd = new Random(11);
    for (int i = 0; i < 200; i++) {
      beats.add(new MacBeat(randomBytes(rnd, simd), randomBytes(rnd, simd * pe), true, true));
    }
    String name = "mac-packed-throughput/" + c.moduleName();
    EmittedDesign design = BlockSim.emit(name, () -> new PackedMacArray(c), c);
    SimResult.PortStats out = BlockSim.assertPassed(BlockSim.simulate(name, design, bench(c, 0, 0),
        vectors(c, beats))).outputs().get("m_axis");
    assertEquals(200, out.beats());
    assertEquals(199, out.lastCycle() - out.firstCycle(), "one output beat per cycle");
  }

  static byte[] filled(int n, byte v) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, v);
    return b;
  }

  static Testbench bench(MacArrayConfig c, int gap, int stall) {
    return new Testbench(PackedMacArray.moduleName(c), List.of(
        StreamPort.input("s_axis", PackedMacArray.inputShape(c)),
        StreamPort.output("m_axis", c.outputShape())), gap, stall, 200_000);
  }

  static Map<String, List<List<BigInteger>>> vectors(MacArrayConfig c, List<MacBeat> beats) {
    List<List<BigInteger>> in = new ArrayList<>();
    for (MacBeat b : beats) {
      in.add(b.toVector(c));
    }
    return Map.of("s_axis", in, "m_axis", MacArrayGolden.toVectors(MacArrayGolden.run(c, beats)));
  }

  /** Dot products of random length 1..6 beats, extreme values included. */
  static List<MacBeat> randomBeats(MacArrayConfig c, int count, Random rnd) {
    List<MacBeat> beats = new ArrayList<>();
    int left = 0;
    for (int i = 0; i < count; i++) {
      boolean clear = left == 0;
      if (clear) {
        left = 1 + rnd.nextInt(6);
      }
      left--;
      beats.add(new MacBeat(randomBytes(rnd, c.simd()), randomBytes(rnd, c.pe() * c.simd()), clear,
          left == 0 || i == count - 1));
    }
    assertTrue(beats.get(0).clear());
    assertFalse(beats.isEmpty());
    return beats;
  }

  static byte[] randomBytes(Random rnd, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      int pick = rnd.nextInt(10);
      b[i] = (byte) (pick == 0 ? -128 : pick == 1 ? 127 : rnd.nextInt(256) - 128);
    }
    return b;
  }
}
