package org.shardwire.golden;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked int8 multiply-accumulate with the incubating Vector API: a block of 4 pixels x
 * one vector of output channels is accumulated in 8 int32 vector registers over the whole dot
 * product, so each weight vector loaded serves 4 pixels and no horizontal reduction is needed.
 * Loaded only when the module is present (see {@link ConvEngine}); the sums are the same exact
 * int32 sums as the scalar engine's.
 */
final class VectorDot {
  static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
  /** Ints of the same vector size as SHORTS: half as many lanes. */
  static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  static final int LANES = INTS.length();
  /** Output channels per block: one vector of shorts, two of ints. */
  static final int BLOCK = SHORTS.length();

  private VectorDot() {}

  /**
   * Where channel j of a block sits among the BLOCK short lanes of a packed weight row: lane 2j for the
   * first LANES channels, lane 2(j - LANES) + 1 for the rest. Read as ints, a vector of such shorts
   * holds channel j in the low half and channel j + LANES in the high half of int lane j, so two
   * shifts split it into two vectors of channels in order (no lane shuffles).
   */
  static int laneOf(int j) {
    return j < LANES ? 2 * j : 2 * (j - LANES) + 1;
  }

  /**
   * acc[p * BLOCK + j] = sum_i x[xp + i] * w[wo + i * BLOCK + laneOf(j)] for the 4 pixels xp = x0..x3 and
   * the BLOCK channels of a packed weight block ([k][BLOCK], k even). Products of int8 values fit in
   * 16 bits (|x * w| <= 128 * 127) and so does the sum of two, so each pair of steps multiplies and
   * adds in 16-bit lanes (twice the lanes of int32) and only then widens into the int32 sums.
   */
  static void block4(short[] x, int x0, int x1, int x2, int x3, short[] w, int wo, int k, int[] acc) {
    IntVector a00 = IntVector.zero(INTS);
    IntVector a01 = IntVector.zero(INTS);
    IntVector a10 = IntVector.zero(INTS);
    IntVector a11 = IntVector.zero(INTS);
    IntVector a20 = IntVector.zero(INTS);
    IntVector a21 = IntVector.zero(INTS);
    IntVector a30 = IntVector.zero(INTS);
    IntVector a31 = IntVector.zero(INTS);
    for (int i = 0; i < k; i += 2) {
      int wi = wo + i * BLOCK;
      ShortVector w0 = ShortVector.fromArray(SHORTS, w, wi);
      ShortVector w1 = ShortVector.fromArray(SHORTS, w, wi + BLOCK);
      IntVector s0 = w0.mul(x[x0 + i]).add(w1.mul(x[x0 + i + 1])).reinterpretAsInts();
      IntVector s1 = w0.mul(x[x1 + i]).add(w1.mul(x[x1 + i + 1])).reinterpretAsInts();
      IntVector s2 = w0.mul(x[x2 + i]).add(w1.mul(x[x2 + i + 1])).reinterpretAsInts();
      IntVector s3 = w0.mul(x[x3 + i]).add(w1.mul(x[x3 + i + 1])).reinterpretAsInts();
      a00 = a00.add(s0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
      a01 = a01.add(s0.lanewise(VectorOperators.ASHR, 16));
      a10 = a10.add(s1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
      a11 = a11.add(s1.lanewise(VectorOperators.ASHR, 16));
      a20 = a20.add(s2.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
      a21 = a21.add(s2.lanewise(VectorOperators.ASHR, 16));
      a30 = a30.add(s3.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
      a31 = a31.add(s3.lanewise(VectorOperators.ASHR, 16));
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

  /** One pixel: acc[j] = sum_i x[x0 + i] * w[wo + i * BLOCK + laneOf(j)] (k even). */
  static void block1(short[] x, int x0, short[] w, int wo, int k, int[] acc) {
    IntVector a0 = IntVector.zero(INTS);
    IntVector a1 = IntVector.zero(INTS);
    for (int i = 0; i < k; i += 2) {
      int wi = wo + i * BLOCK;
      IntVector s = ShortVector.fromArray(SHORTS, w, wi).mul(x[x0 + i])
          .add(ShortVector.fromArray(SHORTS, w, wi + BLOCK).mul(x[x0 + i + 1])).reinterpretAsInts();
      a0 = a0.add(s.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
      a1 = a1.add(s.lanewise(VectorOperators.ASHR, 16));
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
