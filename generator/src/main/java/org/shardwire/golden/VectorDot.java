package org.shardwire.golden;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked int8 multiply-accumulate with the incubating Vector API: a block of 4 pixels x
 * 2 vectors of output channels is accumulated in 8 int32 vector registers over the whole dot
 * product, so each weight vector loaded serves 4 pixels and no horizontal reduction is needed.
 *
 * <p>Why int32 lanes and not 16-bit products: a variant that multiplied in 16-bit lanes (two
 * products fit) was no faster here and, in about one JVM run in six, HotSpot left the final stores
 * of that larger method un-intrinsified, making whole frames 4x slower. This one stays small.
 * Loaded only when the module is present (see {@link ConvEngine}); the sums are the same exact
 * int32 sums as the scalar engine's.
 */
final class VectorDot {
  static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  static final int LANES = INTS.length();
  /** Output channels per block: two vectors. */
  static final int BLOCK = 2 * LANES;

  private VectorDot() {}

  /**
   * acc[p * BLOCK + j] = sum_i x[xp + i] * w[wo + i * BLOCK + j] for the 4 pixels xp = x0..x3 and the
   * BLOCK channels of a packed weight block ([k][BLOCK]).
   */
  static void block4(int[] x, int x0, int x1, int x2, int x3, int[] w, int wo, int k, int[] acc) {
    IntVector a00 = IntVector.zero(INTS);
    IntVector a01 = IntVector.zero(INTS);
    IntVector a10 = IntVector.zero(INTS);
    IntVector a11 = IntVector.zero(INTS);
    IntVector a20 = IntVector.zero(INTS);
    IntVector a21 = IntVector.zero(INTS);
    IntVector a30 = IntVector.zero(INTS);
    IntVector a31 = IntVector.zero(INTS);
    for (int i = 0; i < k; i++) {
      int wi = wo + i * BLOCK;
      IntVector w0 = IntVector.fromArray(INTS, w, wi);
      IntVector w1 = IntVector.fromArray(INTS, w, wi + LANES);
      int v0 = x[x0 + i];
      int v1 = x[x1 + i];
      int v2 = x[x2 + i];
      int v3 = x[x3 + i];
      a00 = w0.mul(v0).add(a00);
      a01 = w1.mul(v0).add(a01);
      a10 = w0.mul(v1).add(a10);
      a11 = w1.mul(v1).add(a11);
      a20 = w0.mul(v2).add(a20);
      a21 = w1.mul(v2).add(a21);
      a30 = w0.mul(v3).add(a30);
      a31 = w1.mul(v3).add(a31);
    }
    a00.intoArray(acc, 0);
    a01.intoArray(acc, LANES);
    a10.intoArray(acc, BLOCK);
    a11.intoArray(acc, BLOCK + LANES);
    a20.intoArray(acc, 2 * BLOCK);
    a21.intoArray(acc, 2 * BLOCK + LANES);
    a30.intoArray(acc, 3 * BLOCK);
    a31.intoArray(acc, 3 * BLOCK + LANES);
  }

  /** One pixel: acc[j] = sum_i x[x0 + i] * w[wo + i * BLOCK + j]. */
  static void block1(int[] x, int x0, int[] w, int wo, int k, int[] acc) {
    IntVector a0 = IntVector.zero(INTS);
    IntVector a1 = IntVector.zero(INTS);
    for (int i = 0; i < k; i++) {
      int wi = wo + i * BLOCK;
      int v = x[x0 + i];
      a0 = IntVector.fromArray(INTS, w, wi).mul(v).add(a0);
      a1 = IntVector.fromArray(INTS, w, wi + LANES).mul(v).add(a1);
    }
    a0.intoArray(acc, 0);
    a1.intoArray(acc, LANES);
  }

  static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  /** Ints that widen into one vector of longs (a JDK species constant, so the JIT can intrinsify the casts). */
  static final VectorSpecies<Integer> HALF = LONGS.length() == 8 ? IntVector.SPECIES_256
      : LONGS.length() == 4 ? IntVector.SPECIES_128 : IntVector.SPECIES_64;

  /**
   * y[yo + j] = clamp((acc[accOff + j] + bias) * M + 2^(s-1)) >> s, lo, hi) for the {@code valid}
   * channels oc0 + j, with rq = {bias, M, 2^(s-1), s} per channel as longs: the requantizer of
   * docs/numerics.md in 64-bit lanes.
   */
  static void requant(int[] acc, int accOff, long[][] rq, int oc0, int valid, int lo, int hi, int[] y, int yo) {
    int n = LONGS.length();
    int j = 0;
    for (; j + n <= valid; j += n) {
      LongVector a = (LongVector) IntVector.fromArray(HALF, acc, accOff + j).convertShape(VectorOperators.I2L, LONGS, 0);
      LongVector r = a.add(LongVector.fromArray(LONGS, rq[0], oc0 + j))
          .mul(LongVector.fromArray(LONGS, rq[1], oc0 + j))
          .add(LongVector.fromArray(LONGS, rq[2], oc0 + j))
          .lanewise(VectorOperators.ASHR, LongVector.fromArray(LONGS, rq[3], oc0 + j))
          .max(lo).min(hi);
      ((IntVector) r.convertShape(VectorOperators.L2I, HALF, 0)).intoArray(y, yo + j);
    }
    for (; j < valid; j++) {
      int o = oc0 + j;
      long v = ((acc[accOff + j] + rq[0][o]) * rq[1][o] + rq[2][o]) >> rq[3][o];
      y[yo + j] = (int) (v < lo ? lo : (v > hi ? hi : v));
    }
  }

  /**
   * The residual add of docs/numerics.md for elements from .. to - 1:
   * y = clamp((rq(a; ma, sa) + rq(b; mb, sb) + 2^(f-1)) >> f, lo, hi), f = fraction bits, in 64-bit lanes.
   */
  static void add(int[] a, int[] b, int[] y, int from, int to, long ma, int sa, long mb, int sb, int f, int lo,
                  int hi) {
    int n = LONGS.length();
    long ra = 1L << (sa - 1);
    long rb = 1L << (sb - 1);
    long half = 1L << (f - 1);
    int i = from;
    for (; i + n <= to; i += n) {
      LongVector va = (LongVector) IntVector.fromArray(HALF, a, i).convertShape(VectorOperators.I2L, LONGS, 0);
      LongVector vb = (LongVector) IntVector.fromArray(HALF, b, i).convertShape(VectorOperators.I2L, LONGS, 0);
      LongVector ta = va.mul(ma).add(ra).lanewise(VectorOperators.ASHR, sa);
      LongVector tb = vb.mul(mb).add(rb).lanewise(VectorOperators.ASHR, sb);
      LongVector r = ta.add(tb).add(half).lanewise(VectorOperators.ASHR, f).max(lo).min(hi);
      ((IntVector) r.convertShape(VectorOperators.L2I, HALF, 0)).intoArray(y, i);
    }
    for (; i < to; i++) {
      long v = ((((long) a[i] * ma + ra) >> sa) + (((long) b[i] * mb + rb) >> sb) + half) >> f;
      y[i] = (int) (v < lo ? lo : (v > hi ? hi : v));
    }
  }
}
