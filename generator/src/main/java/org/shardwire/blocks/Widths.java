package org.shardwire.blocks;

import java.util.ArrayList;
import java.util.List;
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
   * An RGB pixel taken whole: no width above 1 of {@link #SIMD_WIDTHS} divides 3 channels, so
   * without SIMD 3 an image's stem conv reads one channel per cycle (H * W * 3 cycles per frame,
   * whatever else is parallel); with it, one pixel.
   */
  public static final int RGB_PIXEL = 3;

  /** The widest SIMD over input channels of a conv engine, its window and its MAC array. */
  public static final int MAX_CONV_SIMD = 16;

  /**
   * The widest beat of a MAC array: channel SIMD stops at {@link #MAX_CONV_SIMD}, but SIMD across
   * a kernel row (Kw x Cin of a small-channel stem) may take a whole stream word, 64 lanes.
   */
  public static final int MAX_MAC_SIMD = 64;

  /** A beat width a MAC array (and a conv folding) takes: 1..{@link #MAX_MAC_SIMD}. */
  public static boolean isMacSimd(int simd) {
    return simd >= 1 && simd <= MAX_MAC_SIMD;
  }

  /**
   * A SIMD width a conv engine, its window and its MAC array take: any of 1..{@link
   * #MAX_CONV_SIMD}, not only the stream widths (lane adapters regroup the streams around it), so
   * a layer with 25 input channels per group (ShuffleNet g2's stage 2) can take SIMD 5, and an
   * image SIMD 3.
   */
  public static boolean isConvSimd(int simd) {
    return simd >= 1 && simd <= MAX_CONV_SIMD;
  }

  /** Every divisor of {@code n} from 1 to {@code max}, ascending: the widths a stream of n channels may take. */
  public static List<Integer> divisorsUpTo(int n, int max) {
    List<Integer> out = new ArrayList<>();
    for (int d = 1; d <= Math.min(n, max); d++) {
      if (n % d == 0) {
        out.add(d);
      }
    }
    return out;
  }

  public static boolean isPowerOfTwo(int n) {
    return n > 0 && Integer.bitCount(n) == 1;
  }

  public static int log2(int powerOfTwo) {
    return Integer.numberOfTrailingZeros(powerOfTwo);
  }
}
