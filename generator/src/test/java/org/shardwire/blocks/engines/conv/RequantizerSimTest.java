package org.shardwire.blocks.engines.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.blocks.Widths;
import org.shardwire.golden.VectorFile;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.RamStyle;
import org.shardwire.quant.Requant;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.Testbench;
import org.shardwire.testing.BlockSim;

/**
 * The conv engines' output stage against the golden rule ({@link Requant#apply(long, int, int)},
 * docs/numerics.md) on extreme parameters: shifts 1 and 62, M 0 and 2^31 - 1, sums at the int32
 * limits, under random back-pressure; 64 lanes make a 4416-bit parameter ROM, stored in banks;
 * with shared requantizers (a word's lanes in slices, one a cycle) and without.
 */
class RequantizerSimTest {

  static Stream<Arguments> sweep() {
    return Stream.of(
        Arguments.of(1, 3, -128, 127, 1, 1),
        Arguments.of(4, 5, 0, 127, 1, 1),
        Arguments.of(4, 5, -128, 127, 1, 4),
        Arguments.of(64, 2, 0, 6, 2, 1),
        Arguments.of(64, 2, -128, 127, 2, 8));
  }

  @ParameterizedTest(name = "{0} lanes x {1} folds, clamp [{2}, {3}], lanes shared by {5}")
  @MethodSource("sweep")
  void matchesTheGoldenRule(int lanes, int folds, int lo, int hi, int romBanks, int share) {
    Random rnd = new Random(lanes * 97L + folds);
    int channels = lanes * folds;
    int[] bias = new int[channels];
    int[] m = new int[channels];
    int[] s = new int[channels];
    int[] shifts = {1, 2, 30, 31, 32, 33, 61, 62};
    int[] multipliers = {0, 1, Integer.MAX_VALUE, 1 << 30};
    for (int o = 0; o < channels; o++) {
      s[o] = o < shifts.length ? shifts[o] : 1 + rnd.nextInt(62);
      m[o] = o < multipliers.length ? multipliers[o] : (1 << 30) + rnd.nextInt(1 << 30);
      bias[o] = rnd.nextInt(1 << 20) - (1 << 19);
    }
    RequantTable table = new RequantTable(bias, m, s, lo, hi);
    long pixels = 40;
    RequantizerConfig c = new RequantizerConfig(lanes, folds, table, pixels * folds, RamStyle.XILINX_DISTRIBUTED)
        .sharedBy(share);
    assertEquals(lanes / share, c.requantizers());
    assertEquals(romBanks, c.romBanks().banks(), c.romBanks().bankWidths().toString());

    List<List<BigInteger>> in = new ArrayList<>();
    List<List<BigInteger>> out = new ArrayList<>();
    for (int frame = 0; frame < 2; frame++) {
      for (long w = 0; w < pixels * folds; w++) {
        int f = (int) (w % folds);
        long[] sums = new long[lanes];
        long[] ys = new long[lanes];
        for (int l = 0; l < lanes; l++) {
          int o = f * lanes + l;
          // acc + bias spans int32 (extremes included), as the quantizer guarantees it never overflows.
          int pick = rnd.nextInt(8);
          long v = pick == 0 ? Integer.MIN_VALUE : pick == 1 ? Integer.MAX_VALUE : pick == 2 ? rnd.nextInt(64) - 32
              : rnd.nextInt();
          long acc = v - bias[o];
          if (acc < Integer.MIN_VALUE || acc > Integer.MAX_VALUE) {
            acc = -bias[o];
            v = 0;
          }
          sums[l] = acc;
          ys[l] = new Requant(m[o], s[o]).apply(v, lo, hi);
        }
        in.add(List.of(VectorFile.packLanes(sums, Widths.INT32)));
        out.add(List.of(VectorFile.packLanes(ys, Widths.INT8), BigInteger.valueOf(w == pixels * folds - 1 ? 1 : 0)));
      }
    }
    String name = "requantizer/" + c.moduleName();
    EmittedDesign design = BlockSim.emit(name, () -> new Requantizer(c), c);
    Testbench tb = new Testbench(c.moduleName(), List.of(StreamPort.input("s_axis", c.inputShape()),
        StreamPort.output("m_axis", c.outputShape())), 25, 25, 100_000);
    BlockSim.assertPassed(BlockSim.simulate(name, design, tb, Map.of("s_axis", in, "m_axis", out)));
  }
}
