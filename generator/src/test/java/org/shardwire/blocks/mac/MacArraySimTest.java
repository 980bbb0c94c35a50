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
