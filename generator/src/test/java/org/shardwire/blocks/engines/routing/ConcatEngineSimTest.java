package org.shardwire.blocks.engines.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.blocks.engines.EngineSim.Frame;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.SingleLayer;
import org.shardwire.blocks.engines.ZooFixture;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Concat;
import org.shardwire.model.Shape;
import org.shardwire.plan.StreamEngines;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QConcat;

/** Channel concat against the golden model: shufflenet-tiny's concats and random scales. */
class ConcatEngineSimTest {

  /** input channels, lanes, input scales, output scale. */
  static Stream<Arguments> slowSweep() {
    return Stream.of(
        Arguments.of(List.of(4, 8, 12), 4, List.of(0.02, 0.05, 0.001), 0.03),
        Arguments.of(List.of(3, 5), 1, List.of(0.1, 0.1), 0.1),
        Arguments.of(List.of(16, 16), 16, List.of(0.5, 0.004), 0.02),
        Arguments.of(List.of(2, 2, 2, 2), 2, List.of(0.01, 0.02, 0.04, 0.08), 0.05));
  }

  @Test
  void shufflenetTinyConcatIsBitExact() {
    replay("stage2.0.concat", 8);
  }

  @Tag("slow")
  @Test
  void shufflenetTinyConcatIsBitExactAtOtherLanes() {
    replay("stage3.0.concat", 4);
    replay("stage2.0.concat", 1);
  }

  @Tag("slow")
  @ParameterizedTest(name = "channels={0} lanes={1} scales={2} -> {3}")
  @MethodSource("slowSweep")
  void matchesGoldenUnderBackPressure(List<Integer> channels, int lanes, List<Double> scales, double sy) {
    List<Shape> shapes = channels.stream().map(ch -> Shape.of(3, 2, ch)).toList();
    SingleLayer layer = SingleLayer.of(new Concat(), shapes, scales, sy);
    ConcatEngineConfig c = new ConcatEngineConfig(shapes, lanes,
        StreamEngines.constants(((QConcat) layer.layer()).inputs()),
        shapes.stream().map(s -> RamStyle.XILINX_DISTRIBUTED).toList());
    Random rnd = new Random(channels.hashCode());
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<Int8Tensor> xs = shapes.stream().map(s -> EngineSim.randomTensor(s, rnd)).toList();
      frames.add(new Frame(xs, List.of(layer.run(xs))));
    }
    EngineSim.assertBitExact("concat/" + c.moduleName(), c, frames, EngineSim.GAP, EngineSim.STALL);
  }

  @Test
  void streamsOneWordPerCycle() {
    ZooFixture zoo = ZooFixture.of("shufflenet-tiny");
    ConcatEngineConfig c = config(zoo, "stage3.0.concat", 8);
    EngineSim.assertThroughput("concat-throughput", c, zoo.frames("stage3.0.concat", 4));
  }

  @Test
  void reportsTheContract() {
    ZooFixture zoo = ZooFixture.of("shufflenet-tiny");
    ConcatEngineConfig c = config(zoo, "stage2.0.concat", 8);
    assertEquals(Shape.of(8, 8, 48), c.outputShape());
    assertEquals(8 * 8 * 48 / 8, c.cyclesPerFrame());
    assertEquals(List.of(1L, 1L), c.inputWordsBeforeFirstOutput());
    assertEquals(8, c.requantizers());
    // Each input's FIFO holds two of its pixels (+1 word): the branches compute while the other is read.
    assertEquals(List.of(new MemorySpec("input_fifo_0", 8 * 8 + 1, 2 * 24 / 8 + 1, RamStyle.XILINX_DISTRIBUTED),
        new MemorySpec("input_fifo_1", 8 * 8 + 1, 2 * 24 / 8 + 1, RamStyle.XILINX_DISTRIBUTED)), c.memories());
  }

  private static ConcatEngineConfig config(ZooFixture zoo, String node, int lanes) {
    List<Shape> shapes = zoo.node(node).inputs().stream().map(zoo::shape).toList();
    QConcat q = (QConcat) zoo.quantized().layer(node);
    return StreamEngines.concat(q, shapes, lanes, i -> RamStyle.XILINX_DISTRIBUTED);
  }

  private static void replay(String node, int lanes) {
    ZooFixture zoo = ZooFixture.of("shufflenet-tiny");
    ConcatEngineConfig c = config(zoo, node, lanes);
    EngineSim.assertBitExact("concat-tiny/" + node + "-l" + lanes, c, zoo.frames(node, 2), EngineSim.GAP,
        EngineSim.STALL);
  }
}
