package org.shardwire.blocks.engines.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;
import org.shardwire.quant.Int8Tensor;

/**
 * The line buffer against {@link SlidingWindowGolden}: kernels 1..7, strides 1 and 2, symmetric and
 * asymmetric padding, channel slices and replays; three frames back to back under random
 * back-pressure, then the frame spacing without back-pressure against the stated II.
 */
class SlidingWindowSimTest {

  /** Default: one reader-bound (replays), one input-bound (1x1 stride 2), one odd-shaped case. */
  static Stream<Arguments> sweep() {
    return Stream.of(
        Arguments.of(Shape.of(9, 8, 4), 2, WindowGeometry.square(3, 2, 1), 1, 3),
        Arguments.of(Shape.of(8, 8, 6), 2, WindowGeometry.square(1, 2, 0), 3, 1),
        Arguments.of(Shape.of(5, 6, 8), 2, WindowGeometry.square(1, 1, 0), 2, 2),
        Arguments.of(Shape.of(5, 9, 4), 4, new WindowGeometry(3, 5, 2, 1, new Padding(1, 2, 0, 1)), 1, 2));
  }

  static Stream<Arguments> slowSweep() {
    return Stream.of(
        Arguments.of(Shape.of(6, 7, 8), 4, WindowGeometry.square(3, 1, 1), 1, 1),
        Arguments.of(Shape.of(7, 6, 16), 8, WindowGeometry.square(5, 1, 2), 2, 2),
        Arguments.of(Shape.of(10, 9, 2), 1, WindowGeometry.square(7, 2, 3), 1, 1),
        Arguments.of(Shape.of(3, 2, 8), 8, WindowGeometry.whole(Shape.of(3, 2, 8)), 1, 5),
        Arguments.of(Shape.of(6, 6, 8), 2, WindowGeometry.square(3, 2, 1), 4, 1),
        Arguments.of(Shape.of(10, 10, 4), 4, WindowGeometry.square(3, 1, 0), 1, 1),
        Arguments.of(Shape.of(12, 11, 4), 4, WindowGeometry.square(2, 2, 0), 1, 1),
        Arguments.of(Shape.of(8, 8, 16), 16, new WindowGeometry(5, 3, 1, 2, new Padding(2, 0, 1, 2)), 1, 1),
        Arguments.of(Shape.of(4, 5, 4), 4, WindowGeometry.square(1, 1, 0), 1, 1),
        Arguments.of(Shape.of(7, 9, 4), 4, WindowGeometry.square(1, 2, 0), 1, 3),
        Arguments.of(Shape.of(9, 7, 4), 2, new WindowGeometry(1, 1, 3, 2, Padding.NONE), 2, 1));
  }

  @ParameterizedTest(name = "{0} lanes={1} {2} groups={3} replays={4}")
  @MethodSource("sweep")
  void matchesGoldenAndStatedThroughput(Shape shape, int lanes, WindowGeometry geometry, int groups, int replays) {
    check(shape, lanes, geometry, groups, replays);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0} lanes={1} {2} groups={3} replays={4}")
  @MethodSource("slowSweep")
  void widerSweepMatchesGoldenAndStatedThroughput(Shape shape, int lanes, WindowGeometry geometry, int groups,
                                                  int replays) {
    check(shape, lanes, geometry, groups, replays);
  }

  /** Several output pixels per word (mmv): a stem-like 3-channel window and a replayed, padded one. */
  static Stream<Arguments> mmvSweep() {
    return Stream.of(
        Arguments.of(Shape.of(9, 8, 3), 1, WindowGeometry.square(3, 2, 1), 1, 2, 4),
        Arguments.of(Shape.of(6, 8, 4), 2, new WindowGeometry(3, 2, 1, 1, new Padding(1, 1, 1, 0)), 2, 2, 4));
  }

  @ParameterizedTest(name = "{0} lanes={1} {2} groups={3} replays={4} mmv={5}")
  @MethodSource("mmvSweep")
  void severalPixelsPerWordMatchGolden(Shape shape, int lanes, WindowGeometry geometry, int groups, int replays,
                                       int mmv) {
    check(new SlidingWindowConfig(shape, lanes, geometry, groups, replays, RamStyle.XILINX_BLOCK, mmv));
  }

  /**
   * A whole kernel row per word (SIMD across the kernel window): a 7x7 stride-2 stem on 3 channels
   * (21 lanes a word) and a 3x3 one replayed, with asymmetric padding that clips rows at both edges.
   */
  static Stream<Arguments> kernelRowSweep() {
    return Stream.of(
        Arguments.of(Shape.of(11, 10, 3), WindowGeometry.square(7, 2, 3), 1),
        Arguments.of(Shape.of(9, 8, 3), new WindowGeometry(3, 3, 2, 1, new Padding(1, 0, 0, 1)), 2));
  }

  @ParameterizedTest(name = "{0} {1} replays={2} kernel row")
  @MethodSource("kernelRowSweep")
  void kernelRowPerWordMatchesGolden(Shape shape, WindowGeometry geometry, int replays) {
    SlidingWindowConfig c = new SlidingWindowConfig(shape, shape.c(), geometry, 1, replays, RamStyle.XILINX_BLOCK, 1,
        true);
    assertEquals(geometry.kernelW() * shape.c(), c.outputStream().lanes());
    assertEquals(geometry.kernelH() * replays, c.outputWordsPerPixel());
    check(c);
  }

  @Test
  void kernelRowNeedsWholePixelWords() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SlidingWindowConfig(
        Shape.of(8, 8, 4), 2, WindowGeometry.square(3, 1, 1), 1, 1, RamStyle.XILINX_BLOCK, 1, true));
    assertEquals(true, e.getMessage().contains("kernel row per word"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SlidingWindowConfig(Shape.of(8, 8, 3), 3,
        WindowGeometry.square(3, 1, 1), 1, 1, RamStyle.XILINX_BLOCK, 2, true));
    assertThrows(IllegalArgumentException.class, () -> new SlidingWindowConfig(Shape.of(8, 8, 24), 24,
        WindowGeometry.square(3, 1, 1), 1, 1, RamStyle.XILINX_BLOCK, 1, true)); // 72 lanes
  }

  private static void check(Shape shape, int lanes, WindowGeometry geometry, int groups, int replays) {
    check(new SlidingWindowConfig(shape, lanes, geometry, groups, replays, RamStyle.XILINX_BLOCK));
  }

  private static void check(SlidingWindowConfig c) {
    Shape shape = c.input();
    WindowGeometry geometry = c.geometry();
    String name = "window/" + c.moduleName();
    EmittedDesign design = EngineSim.emit(name, c);
    Random rnd = new Random(shape.hashCode() * 31L + geometry.hashCode());
    List<Int8Tensor> frames = EngineSim.randomFrames(shape, 5, rnd);

    // run() also checks that m_axis carried exactly 3 frames of output words.
    EngineSim.run(name, design, c, vectors(c, frames.subList(0, 3)), 3, EngineSim.GAP, EngineSim.STALL);

    double measured = EngineSim.measuredCyclesPerFrame(name, c, design, n -> vectors(c, frames.subList(0, n)));
    EngineSim.assertCyclesPerFrame(c, measured);
  }

  static Map<String, List<List<BigInteger>>> vectors(SlidingWindowConfig c, List<Int8Tensor> frames) {
    List<byte[]> raw = new ArrayList<>();
    for (Int8Tensor f : frames) {
      raw.add(f.data());
    }
    return EngineSim.vectors("s_axis", EngineSim.stream(frames, c.lanes()), "m_axis",
        SlidingWindowGolden.beats(c, raw));
  }

  @Test
  void bufferRowsCoverTheFrameBoundary() {
    // 3x3 s1 p1: kh + sh = 4 rows; a window as tall as the input double-buffers it.
    assertEquals(4, SlidingWindowConfig.simple(Shape.of(32, 32, 16), 4, WindowGeometry.square(3, 1, 1),
        RamStyle.XILINX_BLOCK).bufferRows());
    assertEquals(6, SlidingWindowConfig.simple(Shape.of(3, 2, 8), 8, WindowGeometry.whole(Shape.of(3, 2, 8)),
        RamStyle.XILINX_BLOCK).bufferRows());
    // Unpadded 3x3 on 10 rows: the last window starts at row 7, the next frame's first ends at row 2.
    assertEquals(6, SlidingWindowConfig.simple(Shape.of(10, 10, 4), 4, WindowGeometry.square(3, 1, 0),
        RamStyle.XILINX_BLOCK).bufferRows());
    // 3x3 s1 p1 on 32 rows needs 1 row + 2 pixels of input before its first window.
    assertEquals((32 + 2) * 4L, SlidingWindowConfig.simple(Shape.of(32, 32, 16), 4, WindowGeometry.square(3, 1, 1),
        RamStyle.XILINX_BLOCK).inputWordsBeforeFirstOutput().get(0));
  }

  @Test
  void pointwiseWindowsKeepTwoPixelsNotRows() {
    // 1x1 stride 1 on 56x56x256 at 16 lanes: two pixels of 16 words, not two rows of 56 pixels.
    SlidingWindowConfig s1 = SlidingWindowConfig.simple(Shape.of(56, 56, 256), 16, WindowGeometry.square(1, 1, 0),
        RamStyle.XILINX_BLOCK);
    assertEquals(2 * 16, s1.bufferDepth());
    assertEquals(false, s1.decimates());
    // 1x1 stride 2: the decimating stage drops 3 of 4 pixels before the same two-pixel buffer.
    SlidingWindowConfig s2 = SlidingWindowConfig.simple(Shape.of(56, 56, 256), 16, WindowGeometry.square(1, 2, 0),
        RamStyle.XILINX_BLOCK);
    assertEquals(2 * 16, s2.bufferDepth());
    assertEquals(true, s2.decimates());
    assertEquals(Shape.of(28 * 28, 1, 256), s2.lineBuffer().input());
    assertEquals(56L * 56 * 16, s2.cyclesPerFrame());
  }

  @Test
  void rejectsBadConfigsWithClearMessages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        SlidingWindowConfig.simple(Shape.of(8, 8, 6), 4, WindowGeometry.square(3, 1, 1), RamStyle.XILINX_BLOCK));
    assertEquals(true, e.getMessage().contains("lanes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> WindowGeometry.square(3, 1, 3));
    assertEquals(true, e.getMessage().contains("padding"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () ->
        new SlidingWindowConfig(Shape.of(8, 8, 6), 2, WindowGeometry.square(3, 1, 1), 2, 1, RamStyle.XILINX_BLOCK));
    assertEquals(true, e.getMessage().contains("groups"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () ->
        SlidingWindowConfig.simple(Shape.of(2, 2, 4), 4, WindowGeometry.square(5, 1, 1), RamStyle.XILINX_BLOCK));
    assertEquals(true, e.getMessage().contains("does not fit"), e.getMessage());
  }
}
