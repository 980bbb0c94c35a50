package org.shardwire.quant;

/**
 * The rounding rules of docs/numerics.md, each written once: offline real-to-integer conversion
 * (weights, biases, input image: nearest, ties away from zero) and the integer rounding shift of
 * the requantizer and the residual add (nearest, ties up). The golden model and the engines'
 * reference checks call these; the RTL builds the same shift in hardware.
 */
public final class Rounding {
  private Rounding() {}

  /**
   * {@code v / 2^s} rounded to nearest, ties towards +infinity: {@code (v + 2^(s-1)) >> s} with an
   * arithmetic shift, {@code 1 <= s <= 62}.
   */
  public static long shiftRightRounded(long v, int s) {
    return (v + (1L << (s - 1))) >> s;
  }

  /** The requantizer rule {@code rq(v) = (v * M + 2^(s-1)) >> s}, 64-bit product, unclamped. */
  public static long requant(long v, long multiplier, int shift) {
    return shiftRightRounded(v * multiplier, shift);
  }

  public static long halfAwayFromZero(double v) {
    return v >= 0 ? (long) Math.floor(v + 0.5) : -(long) Math.floor(-v + 0.5);
  }

  public static long saturate(long v, long lo, long hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }
}
