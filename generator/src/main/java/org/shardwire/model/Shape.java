package org.shardwire.model;

/**
 * The shape of one activation tensor, NHWC with batch 1: height, width, channels. Channels are
 * innermost in memory. Every dimension must be positive: a zero-size tensor is always a mistake.
 */
public record Shape(int h, int w, int c) {
  public Shape {
    if (h <= 0 || w <= 0 || c <= 0) {
      throw new IllegalArgumentException("tensor shape must be positive in every dimension (HxWxC), got "
          + h + "x" + w + "x" + c);
    }
  }

  public static Shape of(int h, int w, int c) {
    return new Shape(h, w, c);
  }

  /** A 1x1xC vector (the output of FullyConnected, Flatten and GlobalAvgPool). */
  public static Shape vector(int c) {
    return new Shape(1, 1, c);
  }

  public long elements() {
    return (long) h * w * c;
  }

  /** Index of element (y, x, ch) in the NHWC (channels innermost) layout. */
  public int index(int y, int x, int ch) {
    return (y * w + x) * c + ch;
  }

  @Override
  public String toString() {
    return h + "x" + w + "x" + c;
  }
}
