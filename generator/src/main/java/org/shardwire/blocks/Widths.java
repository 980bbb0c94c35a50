package org.shardwire.blocks;

import java.util.Set;

/** Numeric widths and the allowed SIMD/vector widths shared by every block. */
public final class Widths {
  private Widths() {}

  /** int8 activations and weights. */
  public static final int INT8 = 8;
  /** int32 accumulators and biases. */
  public static final int INT32 = 32;
  /** Lanes per word: SIMD input lanes and aggregate-read widths. */
  public static final Set<Integer> SIMD_WIDTHS = Set.of(1, 2, 4, 8, 16);

  /**
   * The one conv SIMD width that is not a power of two (a depthwise conv takes any divisor of its
   * channels up to 16): an RGB pixel taken whole. No width above 1 of
   * {@link #SIMD_WIDTHS} divides 3 channels, so without it an image's stem conv reads one channel
   * per cycle (H * W * 3 cycles per frame, whatever else is parallel); with it, one pixel.
   */
  public static final int RGB_PIXEL = 3;

  /** A SIMD width a conv engine, its window and its MAC array take: {@link #SIMD_WIDTHS} or {@link #RGB_PIXEL}. */
  public static boolean isConvSimd(int simd) {
    return SIMD_WIDTHS.contains(simd) || simd == RGB_PIXEL;
  }

  public static boolean isPowerOfTwo(int n) {
    return n > 0 && Integer.bitCount(n) == 1;
  }

  public static int log2(int powerOfTwo) {
    return Integer.numberOfTrailingZeros(powerOfTwo);
  }
}
