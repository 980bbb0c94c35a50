package org.shardwire.quant;

import org.shardwire.model.Activation;

/** The int8 clamp bounds of a fused activation at an output scale (docs/numerics.md). */
public record Clamp(int min, int max) {
  public static final Clamp FULL = new Clamp(-128, 127);

  public Clamp {
    if (min < -128 || max > 127 || min > max) {
      throw new IllegalArgumentException("int8 clamp needs -128 <= min <= max <= 127, got [" + min + ", " + max + "]");
    }
  }

  /** none: [-128, 127]; otherwise each finite bound b becomes clamp(round(b / scale), -128, 127). */
  public static Clamp of(Activation a, double scale) {
    int lo = a.min() == Float.NEGATIVE_INFINITY ? -128 : toInt8(a.min() / scale);
    int hi = a.max() == Float.POSITIVE_INFINITY ? 127 : toInt8(a.max() / scale);
    return new Clamp(lo, Math.max(lo, hi));
  }

  private static int toInt8(double v) {
    return (int) Math.max(-128, Math.min(127, Rounding.halfAwayFromZero(v)));
  }

  public int apply(int v) {
    return v < min ? min : (v > max ? max : v);
  }
}
