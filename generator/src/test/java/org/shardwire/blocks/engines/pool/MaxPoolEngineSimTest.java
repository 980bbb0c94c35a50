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
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.blocks.engines.EngineSim.Frame;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.blocks.engines.SingleLayer;
import org.shardwire.blocks.engines.ZooFixture;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;
import org.shardwire.plan.StreamEngines;
import org.shardwire.quant.Int8Tensor;

/** Max pooling against the golden model: shufflenet-tiny's max pool, and padding that must never win. */
class MaxPoolEngineSimTest {

  static Stream<Arguments> slowSweep() {
    return Stream.of(
        Arguments.of(Shape.of(6, 6, 8), 4, MaxPool.of(2, 2, Padding.NONE)),
        Arguments.of(Shape.of(5, 7, 4), 1, MaxPool.of(3, 1, Padding.uniform(1))),
        Arguments.of(Shape.of(7, 5, 32), 16, new MaxPool(3, 2, 2, 1, new Padding(1, 0, 2, 1))),
        Arguments.of(Shape.of(4, 4, 6), 2, MaxPool.of(3, 3, Padding.uniform(2))));
  }

  /**
   * The zoo's max pool reads post-ReLU values, so a third frame of negative values checks the
   * padding; at 8 lanes and at a whole 24-channel pixel per word (what the planner picks behind a
   * fast stem).
   */
  @ParameterizedTest(name = "lanes={0}")
  @ValueSource(ints = {8, 24})
  void shufflenetTinyMaxPoolIsBitExact(int lanes) {
    ZooFixture zoo = ZooFixture.of("shufflenet-tiny");
    MaxPool layer = (MaxPool) zoo.node("maxpool").layer();
    Shape in = zoo.shape(zoo.node("maxpool").inputs().get(0));
    MaxPoolEngineConfig c = config(in, lanes, layer);
    List<Frame> frames = new ArrayList<>(zoo.frames("maxpool", 2));
    frames.addAll(randomFrames(layer, in, 1, true, 5));
    EngineSim.assertBitExact("max-pool-tiny-l" + lanes, c, frames, EngineSim.GAP, EngineSim.STALL);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0} lanes={1} {2}")
  @MethodSource("slowSweep")
  void matchesGoldenUnderBackPressure(Shape shape, int lanes, MaxPool layer) {
    MaxPoolEngineConfig c = config(shape, lanes, layer);
    List<Frame> frames = randomFrames(layer, shape, 2, false, shape.c());
    frames.addAll(randomFrames(layer, shape, 1, true, shape.c() + 1));
    EngineSim.assertBitExact("max-pool/" + c.moduleName(), c, frames, EngineSim.GAP, EngineSim.STALL);
  }

  @ParameterizedTest(name = "lanes={0}")
  @ValueSource(ints = {8, 24})
  void emitsAWindowWordPerCycle(int lanes) {
    ZooFixture zoo = ZooFixture.of("shufflenet-tiny");
    MaxPool layer = (MaxPool) zoo.node("maxpool").layer();
    MaxPoolEngineConfig c = config(zoo.shape(zoo.node("maxpool").inputs().get(0)), lanes, layer);
    EngineSim.assertThroughput("max-pool-throughput-l" + lanes, c, zoo.frames("maxpool", 4));
  }

  @Test
  void reportsTheContract() {
    MaxPoolEngineConfig c = config(Shape.of(32, 32, 24), 8, MaxPool.of(3, 2, Padding.uniform(1)));
    assertEquals(Shape.of(16, 16, 24), c.outputShape());
    assertEquals(16 * 16 * 3 * 9, c.cyclesPerFrame());
    assertEquals(List.of((32L + 2) * 3), c.inputWordsBeforeFirstOutput());
    assertEquals(0, c.requantizers());
    // A window no bigger than its stride reads faster than it emits: the input sets the pace.
    assertEquals(8 * 8 * 2, config(Shape.of(8, 8, 16), 8, MaxPool.of(1, 2, Padding.NONE)).cyclesPerFrame());
  }

  static MaxPoolEngineConfig config(Shape in, int lanes, MaxPool p) {
    return StreamEngines.maxPool(p, in, lanes, RamStyle.XILINX_BLOCK);
  }

  /** Random frames and their golden outputs; {@code negative}: every value below zero. */
  static List<Frame> randomFrames(MaxPool layer, Shape in, int n, boolean negative, long seed) {
    SingleLayer golden = SingleLayer.of(layer, List.of(in), List.of(0.05), 0.05);
    Random rnd = new Random(seed);
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Int8Tensor x = EngineSim.randomTensor(in, rnd);
      if (negative) {
        byte[] b = x.data();
        for (int k = 0; k < b.length; k++) {
          b[k] = (byte) -(1 + Math.abs(b[k] % 128));
        }
        x = Int8Tensor.activation(in, b);
      }
      frames.add(new Frame(List.of(x), List.of(golden.run(List.of(x)))));
    }
    return frames;
  }
}
