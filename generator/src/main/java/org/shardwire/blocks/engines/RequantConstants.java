package org.shardwire.blocks.engines;

import org.shardwire.quant.Rounding;

/**
 * The integer constants of one requantizer, {@code rq(v) = (v * M + 2^(s-1)) >> s}
 * (docs/numerics.md): plain numbers, so that engine configs do not depend on the quantizer.
 */
public record RequantConstants(int multiplier, int shift) {
  public static final int MAX_SHIFT = 62;

  public RequantConstants {
    if (multiplier < 0) {
      throw new IllegalArgumentException("requantizer multiplier M must be in 0..2^31-1, got " + multiplier);
    }
    if (shift < 1 || shift > MAX_SHIFT) {
      throw new IllegalArgumentException("requantizer shift s must be in 1.." + MAX_SHIFT + ", got " + shift);
    }
  }

  /** True when rq(v) = v for every v (M = 2^s, i.e. the scales are equal): no hardware needed. */
  public boolean isIdentity() {
    return shift <= 30 && multiplier == 1 << shift;
  }

  /** rq(v), unclamped, with the 64-bit product of the rule. */
  public long apply(long v) {
    return Rounding.requant(v, multiplier, shift);
  }

  @Override
  public String toString() {
    return "M" + multiplier + "s" + shift;
  }
}
