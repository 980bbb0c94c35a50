package org.shardwire.blocks.engines.elementwise;

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
import org.shardwire.model.Clip;
import org.shardwire.model.Layer;
import org.shardwire.model.Relu;
import org.shardwire.model.Shape;
import org.shardwire.plan.StreamEngines;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QClamp;

/** A standalone ReLU / Clip against the golden model, under random back-pressure. */
class ClampEngineSimTest {

  static Stream<Arguments> sweep() {
    return Stream.of(
        Arguments.of(Shape.of(2, 7, 6), 2, new Clip(-0.4f, 0.3f)));
  }

  static Stream<Arguments> slowSweep() {
    return Stream.of(
        Arguments.of(Shape.of(5, 3, 8), 4, new Relu()),
        Arguments.of(Shape.of(3, 3, 16), 1, new Relu()),
        Arguments.of(Shape.of(4, 4, 32), 16, Clip.relu6()),
        Arguments.of(Shape.of(2, 2, 48), 8, new Clip(-2f, -0.5f)));
  }

  @ParameterizedTest(name = "{0} lanes={1} {2}")
  @MethodSource("sweep")
  void matchesGoldenUnderBackPressure(Shape shape, int lanes, Layer act) {
    check(shape, lanes, act);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0} lanes={1} {2}")
  @MethodSource("slowSweep")
  void matchesGoldenUnderBackPressureWide(Shape shape, int lanes, Layer act) {
    check(shape, lanes, act);
  }

  @Test
  void streamsOneWordPerCycle() {
    Fixture f = new Fixture(Shape.of(6, 6, 8), 4, new Relu());
    EngineSim.assertThroughput("clamp-throughput", f.config, f.frames(4, 3));
  }

  private static void check(Shape shape, int lanes, Layer act) {
    Fixture f = new Fixture(shape, lanes, act);
    EngineSim.assertBitExact("clamp/" + f.config.moduleName() + "_" + shape, f.config, f.frames(3, shape.c()),
        EngineSim.GAP, EngineSim.STALL);
  }

  /** The layer quantized at scale 1/50 (so the clip bounds land inside int8) and its engine. */
  private static final class Fixture {
    final SingleLayer layer;
    final ClampEngineConfig config;

    Fixture(Shape shape, int lanes, Layer act) {
      layer = SingleLayer.of(act, List.of(shape), List.of(0.02), 0.02);
      config = new ClampEngineConfig(shape, lanes, StreamEngines.bounds(((QClamp) layer.layer()).clamp()));
    }

    List<Frame> frames(int n, long seed) {
      Random rnd = new Random(seed);
      List<Frame> frames = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Int8Tensor x = EngineSim.randomTensor(config.shape(), rnd);
        frames.add(new Frame(List.of(x), List.of(layer.run(List.of(x)))));
      }
      return frames;
    }
  }
}
