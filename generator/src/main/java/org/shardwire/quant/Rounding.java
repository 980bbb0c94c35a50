package org.shardwire.quant;

/** Offline real-to-integer conversions (weights, biases, input image): nearest, ties away from zero. */
public final class Rounding {
  private Rounding() {}

  public static long halfAwayFromZero(double v) {
    return v >= 0 ? (long) Math.floor(v + 0.5) : -(long) Math.floor(-v + 0.5);
  }

  public static long saturate(long v, long lo, long hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }
}
