package org.shardwire.blocks.engines.elementwise;

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
import org.shardwire.model.Activation;
import org.shardwire.model.Add;
import org.shardwire.model.Shape;
import org.shardwire.plan.StreamEngines;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QAdd;

/** Residual add against the golden model: random scales and the real adds of resnet8-cifar. */
class AddEngineSimTest {

  /** shape, lanes, Sa, Sb, Sy, activation. */
  static Stream<Arguments> sweep() {
    return Stream.of(
        Arguments.of(Shape.of(4, 5, 8), 4, 0.05, 0.013, 0.04, Activation.RELU),
        Arguments.of(Shape.of(3, 3, 6), 2, 0.02, 0.02, 0.3, Activation.clip(-1f, 2.5f)));
  }

  static Stream<Arguments> slowSweep() {
    return Stream.of(
        Arguments.of(Shape.of(2, 3, 16), 16, 0.001, 0.5, 0.01, Activation.NONE),
        Arguments.of(Shape.of(5, 2, 3), 1, 0.07, 0.0002, 0.07 / 256, Activation.NONE),
        Arguments.of(Shape.of(2, 2, 64), 64, 0.03, 0.03, 0.02, Activation.RELU6),
        Arguments.of(Shape.of(3, 4, 24), 8, 0.011, 0.009, 0.02, Activation.RELU));
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0} lanes={1} Sa={2} Sb={3} Sy={4}")
  @MethodSource("sweep")
  void matchesGoldenUnderBackPressure(Shape shape, int lanes, double sa, double sb, double sy, Activation act) {
    check(shape, lanes, sa, sb, sy, act);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0} lanes={1} Sa={2} Sb={3} Sy={4}")
  @MethodSource("slowSweep")
  void matchesGoldenUnderBackPressureWide(Shape shape, int lanes, double sa, double sb, double sy,
      Activation act) {
    check(shape, lanes, sa, sb, sy, act);
  }

  @Test
  void resnet8AddIsBitExact() {
    replayResnet8("layer3.0.add.relu", 8);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"layer1.0.add.relu", "layer2.0.add.relu"})
  void resnet8AddsAreBitExact(String node) {
    replayResnet8(node, 4);
  }

  @Tag("slow")
  @Test
  void shufflenetTinyAddIsBitExact() {
    ZooFixture zoo = ZooFixture.of("shufflenet-tiny");
    String node = "stage2.1.add.relu";
    QAdd q = (QAdd) zoo.quantized().layer(node);
    AddEngineConfig c = new AddEngineConfig(zoo.shape(node), 16, StreamEngines.constants(q.a()),
        StreamEngines.constants(q.b()), StreamEngines.bounds(q.clamp()));
    EngineSim.assertBitExact("add-tiny/" + node, c, zoo.frames(node, 2), EngineSim.GAP, EngineSim.STALL);
  }

  private static void replayResnet8(String node, int lanes) {
    ZooFixture zoo = ZooFixture.of("resnet8-cifar");
    QAdd q = (QAdd) zoo.quantized().layer(node);
    AddEngineConfig c = StreamEngines.add(q, zoo.shape(node), lanes);
    EngineSim.assertBitExact("add-resnet8/" + node + "-l" + lanes, c, zoo.frames(node, 2), EngineSim.GAP, EngineSim.STALL);
  }

  @Test
  void streamsOneWordPerCycle() {
    Fixture f = new Fixture(Shape.of(8, 8, 16), 4, 0.05, 0.02, 0.04, Activation.RELU);
    EngineSim.assertThroughput("add-throughput", f.config, f.frames(4, 5));
  }

  @Test
  void reportsTheContract() {
    AddEngineConfig c = new Fixture(Shape.of(8, 8, 16), 4, 0.05, 0.02, 0.04, Activation.RELU).config;
    assertEquals(8 * 8 * 16 / 4, c.cyclesPerFrame());
    assertEquals(List.of(1L, 1L), c.inputWordsBeforeFirstOutput());
    assertEquals(8, c.requantizers());
  }

  private static void check(Shape shape, int lanes, double sa, double sb, double sy, Activation act) {
    Fixture f = new Fixture(shape, lanes, sa, sb, sy, act);
    EngineSim.assertBitExact("add/" + f.config.moduleName() + "_" + shape, f.config, f.frames(2, shape.c() * 7L),
        EngineSim.GAP, EngineSim.STALL);
  }

  private static final class Fixture {
    final SingleLayer layer;
    final AddEngineConfig config;

    Fixture(Shape shape, int lanes, double sa, double sb, double sy, Activation act) {
      layer = SingleLayer.of(new Add(act), List.of(shape, shape), List.of(sa, sb), sy);
      QAdd q = (QAdd) layer.layer();
      config = new AddEngineConfig(shape, lanes, StreamEngines.constants(q.a()), StreamEngines.constants(q.b()),
          StreamEngines.bounds(q.clamp()));
    }

    List<Frame> frames(int n, long seed) {
      Random rnd = new Random(seed);
      List<Frame> frames = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Int8Tensor a = EngineSim.randomTensor(config.shape(), rnd);
        Int8Tensor b = EngineSim.randomTensor(config.shape(), rnd);
        frames.add(new Frame(List.of(a, b), List.of(layer.run(List.of(a, b)))));
      }
      return frames;
    }
  }
}
