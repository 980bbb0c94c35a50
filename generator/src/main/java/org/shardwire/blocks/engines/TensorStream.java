package org.shardwire.blocks.engines;

import org.shardwire.hdl.AxisShape;
import org.shardwire.model.Shape;

/**
 * One tensor stream of an engine (docs/engines.md): its port prefix, the tensor it carries and
 * how many int8 channels each word holds. Words are NHWC, channels innermost, lane 0 the lowest
 * channel; tlast marks the last word of a frame.
 */
public record TensorStream(String port, Shape shape, int lanes) {
  public static final int MAX_LANES = 64;

  public TensorStream {
    if (!port.matches("[sm]_axis(_[a-z0-9]+)?")) {
      throw new IllegalArgumentException("stream port must be s_axis[_x] or m_axis[_x], got '" + port + "'");
    }
    if (lanes < 1 || lanes > MAX_LANES || shape.c() % lanes != 0) {
      throw new IllegalArgumentException("stream " + port + ": lanes must divide the " + shape.c()
          + " channels and be in 1.." + MAX_LANES + ", got " + lanes);
    }
  }

  public long wordsPerFrame() {
    return shape.elements() / lanes;
  }

  /** Words per pixel: the channel groups of one (y, x) position. */
  public int wordsPerPixel() {
    return shape.c() / lanes;
  }

  public AxisShape axisShape() {
    return AxisShape.data(lanes * 8).withLast();
  }
}
