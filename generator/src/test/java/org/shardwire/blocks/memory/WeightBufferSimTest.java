package org.shardwire.blocks.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.blocks.reader.BurstShape;
import org.shardwire.blocks.reader.OnChipBurstMemory;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.RamStyle;
import org.shardwire.sim.StreamPort;
import org.shardwire.sim.Testbench;
import org.shardwire.testing.BlockSim;
import org.shardwire.testing.TestPaths;

/**
 * The weight buffer, initialised from a weight file, read back through burst requests under
 * random back-pressure: every word must come back as written in the file.
 */
class WeightBufferSimTest {

  static Stream<Arguments> sweep() {
    return Stream.of(
        Arguments.of(8, 16, RamStyle.XILINX_BLOCK),
        Arguments.of(36, 1000, RamStyle.XILINX_BLOCK),
        Arguments.of(72, 512, RamStyle.XILINX_ULTRA),
        Arguments.of(40, 700, RamStyle.INTEL_M20K),
        Arguments.of(130, 64, RamStyle.XILINX_BLOCK));
  }

  @ParameterizedTest(name = "{0} bits x {1} words, {2}")
  @MethodSource("sweep")
  void readsBackTheWeightFile(int width, int depth, RamStyle style) {
    Random rnd = new Random(width * 7919L + depth);
    List<BigInteger> words = new ArrayList<>();
    for (int i = 0; i < depth - 3; i++) { // the last words stay zero: init pads
      words.add(new BigInteger(width, rnd));
    }
    String name = "weight-buffer/w" + width + "_d" + depth + "_" + style.value();
    Path weightFile = TestPaths.freshDir(name + "/weights").resolve("weights.hex");
    WeightFile.write(weightFile, words, width);
    WeightBufferConfig mem = WeightBufferConfig.fromFile(width, depth, style, weightFile);
    assertEquals(words, mem.words());

    BurstShape shape = new BurstShape(mem.addressWidth(), 8, width);
    List<List<BigInteger>> requests = new ArrayList<>();
    List<List<BigInteger>> expected = new ArrayList<>();
    for (int r = 0; r < 60; r++) {
      int length = 1 + rnd.nextInt(Math.min(depth, 20));
      int start = rnd.nextInt(depth - length + 1);
      requests.add(shape.request(length, start));
      for (int i = 0; i < length; i++) {
        expected.add(List.of(mem.wordAt(start + i), BigInteger.valueOf(i == length - 1 ? 1 : 0)));
      }
    }
    EmittedDesign design = BlockSim.emit(name, () -> new OnChipBurstMemory(shape, mem), mem);
    Testbench tb = new Testbench(design.topModule(), List.of(
        StreamPort.input("s_axis_req", shape.requestShape()),
        StreamPort.output("m_axis_rsp", shape.responseShape())), 25, 35, 100_000);
    BlockSim.assertPassed(BlockSim.simulate(name, design, tb, Map.of("s_axis_req", requests, "m_axis_rsp", expected)));
  }
}
