package org.shardwire.blocks.engines.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.blocks.engines.EngineSim.Frame;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.model.Shape;
import org.shardwire.quant.Int8Tensor;

/** Regrouping keeps every value in NHWC order for every pair of lane counts (equal, multiple, neither). */
class LaneAdapterSimTest {

  @ParameterizedTest(name = "{0}x{1}x{2} {3} -> {4} lanes")
  @CsvSource({"3, 2, 24, 4, 6"})
  void keepsTheTensor(int h, int w, int c, int in, int out) {
    check(new LaneAdapterConfig(Shape.of(h, w, c), in, out));
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0}x{1}x{2} {3} -> {4} lanes")
  @CsvSource({"2, 3, 24, 6, 4", "3, 3, 16, 1, 16", "3, 3, 16, 16, 1", "2, 2, 8, 8, 8", "2, 1, 64, 64, 2",
      "2, 2, 12, 3, 2", "2, 3, 48, 16, 12"})
  void keepsTheTensorWide(int h, int w, int c, int in, int out) {
    check(new LaneAdapterConfig(Shape.of(h, w, c), in, out));
  }

  /** A padded conv's output: 3 folds of 8 lanes for 20 channels, the last 4 lanes of every pixel dropped. */
  @Test
  void dropsThePadLanesOfEveryPixel() {
    LaneAdapterConfig c = new LaneAdapterConfig(Shape.of(3, 4, 20), 8, 5, 4);
    assertEquals(24, c.inputs().get(0).shape().c());
    assertEquals(3L * 4 * 4, c.cyclesPerFrame()); // 4 words of 5 out per pixel against 3 in
    EngineSim.assertBitExact("lane-adapter/" + c.moduleName() + "_" + c.shape(), c, paddedFrames(c, 3, 7),
        EngineSim.GAP, EngineSim.STALL);
    EngineSim.assertThroughput("lane-adapter-throughput/" + c.moduleName(), c, paddedFrames(c, 4, 8));
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0} channels, {1} -> {2} lanes, {3} dropped")
  @CsvSource({"256, 44, 32, 8", "60, 16, 4, 4", "1000, 48, 40, 8"})
  void dropsThePadLanesWide(int c, int in, int out, int drop) {
    LaneAdapterConfig a = new LaneAdapterConfig(Shape.of(2, 3, c), in, out, drop);
    EngineSim.assertBitExact("lane-adapter/" + a.moduleName() + "_" + a.shape(), a, paddedFrames(a, 2, c),
        EngineSim.GAP, EngineSim.STALL);
  }

  @Test
  void refusesPadThatIsNotPartOfTheLastWord() {
    assertThrows(IllegalArgumentException.class, () -> new LaneAdapterConfig(Shape.of(2, 2, 16), 8, 8, 8));
    assertThrows(IllegalArgumentException.class, () -> new LaneAdapterConfig(Shape.of(2, 2, 20), 8, 5, 3));
  }

  /** Random tensors with the pad channels in, and the same without them. */
  private static List<Frame> paddedFrames(LaneAdapterConfig c, int n, long seed) {
    Random rnd = new Random(seed);
    Shape padded = c.inputs().get(0).shape();
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Int8Tensor x = EngineSim.randomTensor(padded, rnd);
      byte[] kept = new byte[(int) c.shape().elements()];
      for (int p = 0; p < c.shape().h() * c.shape().w(); p++) {
        for (int ch = 0; ch < c.shape().c(); ch++) {
          kept[p * c.shape().c() + ch] = (byte) x.get(p * padded.c() + ch);
        }
      }
      frames.add(new Frame(List.of(x), List.of(Int8Tensor.activation(c.shape(), kept))));
    }
    return frames;
  }

  @Test
  void movesTheNarrowSidesLanesEveryCycle() {
    LaneAdapterConfig c = new LaneAdapterConfig(Shape.of(6, 6, 32), 16, 4);
    EngineSim.assertThroughput("lane-adapter-throughput", c, frames(c, 4, 3));
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0} -> {1} lanes")
  @CsvSource({"4, 16", "4, 6", "6, 4", "8, 8"})
  void movesTheNarrowSidesLanesEveryCycleWide(int in, int out) {
    LaneAdapterConfig c = new LaneAdapterConfig(Shape.of(5, 5, 48), in, out);
    EngineSim.assertThroughput("lane-adapter-throughput/" + c.moduleName(), c, frames(c, 4, 3));
  }

  @Test
  void reportsTheContract() {
    LaneAdapterConfig c = new LaneAdapterConfig(Shape.of(6, 6, 48), 4, 6);
    assertEquals(6 * 6 * 48 / 4, c.cyclesPerFrame());
    assertEquals(List.of(2L), c.inputWordsBeforeFirstOutput());
    assertEquals(List.of(1L), new LaneAdapterConfig(Shape.of(6, 6, 48), 16, 2).inputWordsBeforeFirstOutput());
  }

  private static void check(LaneAdapterConfig c) {
    EngineSim.assertBitExact("lane-adapter/" + c.moduleName() + "_" + c.shape(), c, frames(c, 3, c.shape().c()),
        EngineSim.GAP, EngineSim.STALL);
  }

  private static List<Frame> frames(LaneAdapterConfig c, int n, long seed) {
    Random rnd = new Random(seed);
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Int8Tensor x = EngineSim.randomTensor(c.shape(), rnd);
      frames.add(new Frame(List.of(x), List.of(x)));
    }
    return frames;
  }
}
