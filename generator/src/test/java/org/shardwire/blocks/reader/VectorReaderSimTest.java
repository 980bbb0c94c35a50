package org.shardwire.blocks.reader;

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
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.RamStyle;
import org.shardwire.sim.SimResult;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.Testbench;
import org.shardwire.testing.BlockSim;

/** The aggregate reader with its on-chip memory against {@link VectorReaderGolden}. */
class VectorReaderSimTest {
  private static final int WORD_ADDRESS_BITS = 7; // 128 words
  private static final int COUNT_BITS = 9;

  static Stream<Arguments> sweep() {
    return Stream.of(Arguments.of(8, 2), Arguments.of(8, 4), Arguments.of(8, 8), Arguments.of(8, 16),
        Arguments.of(16, 4), Arguments.of(32, 16));
  }

  @ParameterizedTest(name = "{0}-bit elements, width {1}")
  @MethodSource("sweep")
  void alignedAndUnalignedReadsUnderBackPressure(int elementBits, int width) {
    VectorReaderConfig rc = new VectorReaderConfig(elementBits, width, WORD_ADDRESS_BITS, COUNT_BITS);
    WeightBufferConfig mem = memory(rc, new Random(elementBits * 31L + width));
    Random rnd = new Random(width);
    long elements = (long) mem.depth() * width;
    List<VectorReaderGolden.Command> commands = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long count = i == 5 ? 0 : 1 + rnd.nextInt(12);  // one empty command on the way
      long base = i % 3 == 0 ? rnd.nextInt(mem.depth() - 13) * (long) width   // aligned
          : rnd.nextInt((int) (elements - (count + 1) * width));           // anywhere
      commands.add(new VectorReaderGolden.Command(base, count));
    }
    String name = "reader/" + rc.moduleName();
    run(name, rc, mem, commands, 30, 30);
  }

  @ParameterizedTest(name = "{0}-bit elements, width {1}")
  @MethodSource("sweep")
  void fullThroughputWhenTheConsumerIsAlwaysReady(int elementBits, int width) {
    VectorReaderConfig rc = new VectorReaderConfig(elementBits, width, WORD_ADDRESS_BITS, COUNT_BITS);
    WeightBufferConfig mem = memory(rc, new Random(3));
    // Unaligned on purpose: realignment must not cost throughput.
    List<VectorReaderGolden.Command> one = List.of(new VectorReaderGolden.Command(1, 120));
    SimResult r = run("reader-throughput/" + rc.moduleName(), rc, mem, one, 0, 0);
    SimResult.PortStats out = r.outputs().get("m_axis");
    assertEquals(120, out.beats());
    assertEquals(119, out.lastCycle() - out.firstCycle(), "one vector per cycle");
  }

  private static SimResult run(String name, VectorReaderConfig rc, WeightBufferConfig mem,
      List<VectorReaderGolden.Command> commands, int gap, int stall) {
    List<List<BigInteger>> cmdVectors = new ArrayList<>();
    for (VectorReaderGolden.Command c : commands) {
      cmdVectors.add(c.toVector(rc));
    }
    List<List<BigInteger>> expected = VectorReaderGolden.run(rc, mem::wordAt, commands);
    EmittedDesign design = BlockSim.emit(name, () -> new VectorReaderSystem(rc, mem), rc + " " + mem);
    Testbench tb = new Testbench(design.topModule(), List.of(
        StreamPort.input("s_axis_cmd", rc.commandShape()),
        StreamPort.output("m_axis", rc.outputShape())), gap, stall, 100_000);
    return BlockSim.assertPassed(BlockSim.simulate(name, design, tb, Map.of("s_axis_cmd", cmdVectors, "m_axis", expected)));
  }

  private static WeightBufferConfig memory(VectorReaderConfig rc, Random rnd) {
    int depth = 1 << rc.wordAddressWidth();
    List<BigInteger> words = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      words.add(new BigInteger(rc.wordBits(), rnd));
    }
    return new WeightBufferConfig(rc.wordBits(), depth, RamStyle.XILINX_BLOCK, words);
  }
}
