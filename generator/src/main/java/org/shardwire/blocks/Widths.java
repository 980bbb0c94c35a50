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

  public static boolean isPowerOfTwo(int n) {
    return n > 0 && Integer.bitCount(n) == 1;
  }

  public static int log2(int powerOfTwo) {
    return Integer.numberOfTrailingZeros(powerOfTwo);
  }
}
