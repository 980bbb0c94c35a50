package org.shardwire.quant;

/**
 * Residual add: ta = rq(a; a), tb = rq(b; b) into the common accumulator of unit Sy / 2^8, then
 * y = clamp((ta + tb + 2^7) >> 8, clamp).
 */
public record QAdd(Requant a, Requant b, Clamp clamp) implements QLayer {
  /** Extra fraction bits of the common accumulator. */
  public static final int FRACTION_BITS = 8;

  public int apply(int qa, int qb) {
    long sum = a.apply(qa) + b.apply(qb);
    long y = Rounding.shiftRightRounded(sum, FRACTION_BITS);
    return clamp.apply((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, y)));
  }
}
