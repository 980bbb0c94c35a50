package org.shardwire.blocks.engines.pool;

import java.util.SortedSet;
import java.util.TreeSet;
import org.shardwire.blocks.engines.window.SlidingWindowConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Shape;

/**
 * What the pooling engines share: their sliding window and which kernel rows and columns of a
 * window fall on real input pixels (the rest is padding).
 */
final class PoolWindows {
  private PoolWindows() {}

  /**
   * The window stream the pools consume: one channel slice per word (groups = C / lanes), so the
   * kh * kw words of one channel group arrive one after another and one accumulator per lane
   * suffices.
   */
  static SlidingWindowConfig window(Shape input, int lanes, WindowGeometry geometry, RamStyle style) {
    return new SlidingWindowConfig(input, lanes, geometry, input.c() / lanes, 1, style);
  }

  static Shape output(Shape input, WindowGeometry g) {
    return new Shape(g.outputH(input.h()), g.outputW(input.w()), input.c());
  }

  /** First kernel row of output row {@code oy} on a real input row. */
  static int firstRow(Shape input, WindowGeometry g, int oy) {
    return Math.max(0, g.padding().top() - oy * g.strideH());
  }

  /** Last kernel row of output row {@code oy} on a real input row. */
  static int lastRow(Shape input, WindowGeometry g, int oy) {
    return Math.min(g.kernelH() - 1, input.h() - 1 - (oy * g.strideH() - g.padding().top()));
  }

  static int firstColumn(Shape input, WindowGeometry g, int ox) {
    return Math.max(0, g.padding().left() - ox * g.strideW());
  }

  static int lastColumn(Shape input, WindowGeometry g, int ox) {
    return Math.min(g.kernelW() - 1, input.w() - 1 - (ox * g.strideW() - g.padding().left()));
  }

  /** Real input pixels in the window of output pixel (oy, ox). */
  static int realPixels(Shape input, WindowGeometry g, int oy, int ox) {
    return (lastRow(input, g, oy) - firstRow(input, g, oy) + 1)
        * (lastColumn(input, g, ox) - firstColumn(input, g, ox) + 1);
  }

  /** Every count of real pixels that some window of this input has. */
  static SortedSet<Integer> realPixelCounts(Shape input, WindowGeometry g) {
    SortedSet<Integer> counts = new TreeSet<>();
    for (int oy = 0; oy < g.outputH(input.h()); oy++) {
      for (int ox = 0; ox < g.outputW(input.w()); ox++) {
        counts.add(realPixels(input, g, oy, ox));
      }
    }
    return counts;
  }
}
