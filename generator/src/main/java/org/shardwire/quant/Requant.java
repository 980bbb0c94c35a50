package org.shardwire.quant;

/**
 * The requantizer of docs/numerics.md: {@code rq(v) = (v * M + 2^(s-1)) >> s}, 64-bit product,
 * arithmetic shift, so round to nearest with ties up. {@code M} is a non-negative int32 and
 * {@code 1 <= s <= 62}; {@link #of} encodes a real multiplier with M in [2^30, 2^31).
 */
public record Requant(int multiplier, int shift) {
  public static final int MAX_SHIFT = 62;

  public Requant {
    if (multiplier < 0) {
      throw new IllegalArgumentException("requant multiplier must be >= 0, got " + multiplier);
    }
    if (shift < 1 || shift > MAX_SHIFT) {
      throw new IllegalArgumentException("requant shift must be in 1.." + MAX_SHIFT + ", got " + shift);
    }
  }

  /** The (M, s) pair for a real multiplier m > 0 (docs/numerics.md, "Requantizer constants"). */
  public static Requant of(double m) {
    if (!(m > 0) || Double.isInfinite(m)) {
      throw new IllegalArgumentException("requant multiplier must be a positive finite number, got " + m);
    }
    int e = Math.getExponent(m) + 1;            // m = f * 2^e with 0.5 <= f < 1
    double f = m / Math.scalb(1.0, e);
    if (f < 0.5) {                               // subnormal m: getExponent is clamped
      return new Requant((int) Math.round(Math.scalb(m, MAX_SHIFT)), MAX_SHIFT);
    }
    long big = Math.round(Math.scalb(f, 31));    // exact scaling, ties away from zero (f > 0)
    if (big == 1L << 31) {
      big = 1L << 30;
      e++;
    }
    int s = 31 - e;
    if (s < 1) {
      throw new IllegalArgumentException("requant multiplier " + m + " is too large (>= 2^30)");
    }
    if (s > MAX_SHIFT) {
      return new Requant((int) Math.round(Math.scalb(m, MAX_SHIFT)), MAX_SHIFT);
    }
    return new Requant((int) big, s);
  }

  /** rq(v) without clamping. */
  public long apply(long v) {
    return Rounding.requant(v, multiplier, shift);
  }

  /** clamp(rq(v), lo, hi). */
  public int apply(long v, int lo, int hi) {
    return (int) Rounding.saturate(Rounding.requant(v, multiplier, shift), lo, hi);
  }

  /** The real multiplier this pair represents, M * 2^-s. */
  public double real() {
    return Math.scalb((double) multiplier, -shift);
  }
}
