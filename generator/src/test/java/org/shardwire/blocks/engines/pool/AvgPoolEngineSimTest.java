package org.shardwire.blocks.engines.pool;

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
import org.shardwire.blocks.engines.SingleLayer;
import org.shardwire.blocks.engines.ZooFixture;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.AvgPool;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;
import org.shardwire.plan.StreamEngines;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QAvgPool;

/** Average pooling against the golden model: count_include_pad and not, and shufflenet-tiny's shortcut pool. */
class AvgPoolEngineSimTest {

  static Stream<Arguments> slowSweep() {
    return Stream.of(
        Arguments.of(Shape.of(6, 6, 8), 4, AvgPool.of(2, 2, Padding.NONE, true), 0.04, 0.03),
        Arguments.of(Shape.of(5, 7, 4), 1, AvgPool.of(3, 1, Padding.uniform(1), true), 0.04, 0.01),
        Arguments.of(Shape.of(7, 5, 32), 16, new AvgPool(3, 2, 2, 1, new Padding(1, 0, 2, 1), false), 0.02, 0.02),
        Arguments.of(Shape.of(4, 4, 6), 2, AvgPool.of(3, 3, Padding.uniform(2), false), 0.05, 0.002),
        Arguments.of(Shape.of(9, 9, 8), 8, AvgPool.of(5, 2, Padding.uniform(2), false), 0.03, 0.01));
  }

  @Test
  void shufflenetTinyShortcutPoolIsBitExact() {
    replay("stage2.0.shortcut", 8);
  }

  @Test
  void excludePadUsesEachWindowsOwnDivisor() {
    check(Shape.of(6, 5, 8), 4, AvgPool.of(3, 2, Padding.uniform(1), false), 0.03, 0.01);
  }

  @Tag("slow")
  @Test
  void shufflenetTinyShortcutPoolsAreBitExactWide() {
    replay("stage3.0.shortcut", 16);
    replay("stage2.0.shortcut", 2);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0} lanes={1} {2} Sx={3} Sy={4}")
  @MethodSource("slowSweep")
  void matchesGoldenUnderBackPressure(Shape shape, int lanes, AvgPool layer, double sx, double sy) {
    check(shape, lanes, layer, sx, sy);
  }

  @Test
  void emitsAWindowWordPerCycle() {
    ZooFixture zoo = ZooFixture.of("shufflenet-tiny");
    AvgPoolEngineConfig c = config(zoo, "stage2.0.shortcut", 8);
    EngineSim.assertThroughput("avg-pool-throughput", c, zoo.frames("stage2.0.shortcut", 4));
  }

  @Test
  void reportsTheContract() {
    SingleLayer layer = SingleLayer.of(AvgPool.of(3, 2, Padding.uniform(1), false), List.of(Shape.of(6, 5, 8)),
        List.of(0.03), 0.01);
    AvgPoolEngineConfig c = config(Shape.of(6, 5, 8), 4, (QAvgPool) layer.layer());
    // 3x3 windows at stride 2 with padding 1 over 6x5: corners hold 4 (or 6) real pixels, edges 6, inside 9.
    assertEquals(List.of(4, 6, 9), List.copyOf(c.divisors().keySet()));
    assertEquals(3 * 3 * 2 * 9, c.cyclesPerFrame());
    assertEquals(4, c.requantizers());
    assertEquals(8 + 4, c.sumBits());
  }

  private static AvgPoolEngineConfig config(Shape in, int lanes, QAvgPool q) {
    return StreamEngines.avgPool(q, in, lanes, RamStyle.XILINX_BLOCK);
  }

  private static AvgPoolEngineConfig config(ZooFixture zoo, String node, int lanes) {
    return config(zoo.shape(zoo.node(node).inputs().get(0)), lanes, (QAvgPool) zoo.quantized().layer(node));
  }

  private static void replay(String node, int lanes) {
    ZooFixture zoo = ZooFixture.of("shufflenet-tiny");
    AvgPoolEngineConfig c = config(zoo, node, lanes);
    EngineSim.assertBitExact("avg-pool-tiny/" + node + "-l" + lanes, c, zoo.frames(node, 2), EngineSim.GAP,
        EngineSim.STALL);
  }

  private static void check(Shape shape, int lanes, AvgPool p, double sx, double sy) {
    SingleLayer layer = SingleLayer.of(p, List.of(shape), List.of(sx), sy);
    AvgPoolEngineConfig c = config(shape, lanes, (QAvgPool) layer.layer());
    Random rnd = new Random(shape.c() * 31L + lanes);
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Int8Tensor x = EngineSim.randomTensor(shape, rnd);
      frames.add(new Frame(List.of(x), List.of(layer.run(List.of(x)))));
    }
    EngineSim.assertBitExact("avg-pool/" + c.moduleName(), c, frames, EngineSim.GAP, EngineSim.STALL);
  }
}
