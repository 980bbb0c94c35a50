package org.shardwire.blocks.memory;

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
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.RamStyle;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.Testbench;
import org.shardwire.testing.BlockSim;

/**
 * Weight buffers wider than one signal may be (up to the 8192-bit word of PE 64 x SIMD 16), read
 * back bank by bank under random back-pressure: every bank of every word must be the golden part
 * of the word ({@link BankLayout#part}), whatever memory the banks sit in.
 */
class BankedWeightBufferSimTest {

  static Stream<Arguments> sweep() {
    return Stream.of(
        Arguments.of(8192, 40, RamStyle.XILINX_BLOCK, 3),
        Arguments.of(4160, 24, RamStyle.XILINX_ULTRA, 2),
        Arguments.of(4200, 30, RamStyle.INTEL_M20K, 2),
        Arguments.of(4416, 8, RamStyle.XILINX_DISTRIBUTED, 2),
        Arguments.of(200, 10, RamStyle.XILINX_BLOCK, 1));
  }

  @ParameterizedTest(name = "{0} bits x {1} words, {2}")
  @MethodSource("sweep")
  void readsEveryBankOfEveryWord(int width, int depth, RamStyle style, int banks) {
    Random rnd = new Random(width * 31L + depth);
    List<BigInteger> words = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      words.add(new BigInteger(width, rnd).setBit(width - 1)); // the top bit set: the last bank is exercised
    }
    WeightBufferConfig mem = new WeightBufferConfig(width, depth, style, words);
    BankLayout layout = mem.banks();
    assertEquals(banks, layout.banks(), layout.bankWidths().toString());

    List<List<BigInteger>> addresses = new ArrayList<>();
    List<List<BigInteger>> expected = new ArrayList<>();
    for (int r = 0; r < 3 * depth; r++) {
      int a = r < depth ? r : rnd.nextInt(depth);
      addresses.add(List.of(BigInteger.valueOf(a)));
      for (int b = 0; b < layout.banks(); b++) {
        expected.add(List.of(layout.part(words.get(a), b), BigInteger.valueOf(b == layout.banks() - 1 ? 1 : 0)));
      }
    }
    String name = "banked-weight-buffer/w" + width + "_d" + depth + "_" + style.value();
    EmittedDesign design = BlockSim.emit(name, () -> new BankedReadTop(mem), mem);
    int widest = layout.bankWidths().stream().mapToInt(Integer::intValue).max().orElseThrow();
    Testbench tb = new Testbench(design.topModule(), List.of(
        StreamPort.input("s_axis", AxisShape.data(mem.addressWidth())),
        StreamPort.output("m_axis", AxisShape.data(widest).withLast())), 20, 30, 200_000);
    BlockSim.assertPassed(BlockSim.simulate(name, design, tb, Map.of("s_axis", addresses, "m_axis", expected)));
  }
}
