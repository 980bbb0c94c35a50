package org.shardwire.blocks.engines.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;
import org.shardwire.model.Shape;
import org.shardwire.plan.StreamEngines;
import org.shardwire.quant.Int8Tensor;

/** Channel shuffle and inside shuffle against the golden model, and shufflenet-tiny's shuffles. */
class ShuffleEngineSimTest {

  static Stream<Arguments> slowSweep() {
    return Stream.of(
        Arguments.of(Shape.of(3, 3, 12), 1, new ChannelShuffle(3)),
        Arguments.of(Shape.of(2, 3, 16), 16, new InsideShuffle(4, 2)),
        Arguments.of(Shape.of(2, 2, 32), 2, new InsideShuffle(8, 2)),
        Arguments.of(Shape.of(2, 2, 64), 8, new ChannelShuffle(8)),
        Arguments.of(Shape.of(3, 2, 50), 25, new ChannelShuffle(5)));
  }

  @Test
  void shufflenetTinyShuffleIsBitExact() {
    replay("stage2.0.shuffle", 4);
  }

  @Tag("slow")
  @Test
  void shufflenetTinyShufflesAreBitExactWide() {
    replay("stage2.1.shuffle", 2);
    replay("stage3.1.shuffle", 8);
  }

  /** Lanes that are not a power of two, as the planner gives ShuffleNet's 50-channel shuffles. */
  @Test
  void tenLanesOfFiftyChannelsAreBitExact() {
    matchesGoldenUnderBackPressure(Shape.of(2, 3, 50), 10, new ChannelShuffle(2));
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0} lanes={1} {2}")
  @MethodSource("slowSweep")
  void matchesGoldenUnderBackPressure(Shape shape, int lanes, Layer shuffle) {
    SingleLayer layer = SingleLayer.of(shuffle, List.of(shape), List.of(0.1), 0.1);
    ShuffleEngineConfig c = StreamEngines.shuffle(shuffle, shape, lanes);
    Random rnd = new Random(shape.c());
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Int8Tensor x = EngineSim.randomTensor(shape, rnd);
      frames.add(new Frame(List.of(x), List.of(layer.run(List.of(x)))));
    }
    EngineSim.assertBitExact("shuffle/" + c.moduleName() + "_" + shape, c, frames, EngineSim.GAP, EngineSim.STALL);
  }

  @Test
  void streamsOneWordPerCycle() {
    ZooFixture zoo = ZooFixture.of("shufflenet-tiny");
    ShuffleEngineConfig c = config(zoo, "stage3.0.shuffle", 8);
    EngineSim.assertThroughput("shuffle-throughput", c, zoo.frames("stage3.0.shuffle", 4));
  }

  @Test
  void reportsTheContractAndRejectsNonPermutations() {
    ShuffleEngineConfig c = new ShuffleEngineConfig(Shape.of(4, 4, 12), 4, ChannelShuffle.permutation(12, 2));
    assertEquals(4 * 4 * 3, c.cyclesPerFrame());
    assertEquals(List.of(3L), c.inputWordsBeforeFirstOutput());
    assertThrows(IllegalArgumentException.class,
        () -> new ShuffleEngineConfig(Shape.of(1, 1, 3), 1, new int[] {0, 1, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> new ShuffleEngineConfig(Shape.of(1, 1, 3), 1, new int[] {0, 1}));
  }

  private static ShuffleEngineConfig config(ZooFixture zoo, String node, int lanes) {
    return StreamEngines.shuffle(zoo.node(node).layer(), zoo.shape(node), lanes);
  }

  private static void replay(String node, int lanes) {
    ZooFixture zoo = ZooFixture.of("shufflenet-tiny");
    ShuffleEngineConfig c = config(zoo, node, lanes);
    EngineSim.assertBitExact("shuffle-tiny/" + node, c, zoo.frames(node, 2), EngineSim.GAP, EngineSim.STALL);
  }
}
