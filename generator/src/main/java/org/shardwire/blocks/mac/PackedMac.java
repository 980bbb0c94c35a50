package org.shardwire.blocks.mac;

/**
 * Two int8 products that share one operand in one DSP48E2 multiply (Xilinx WP487): the numbers of
 * the rule and its Java model, which {@link MacArray} builds in hardware and the tests check
 * against the plain products.
 *
 * <p>The 27-bit pre-adder operand is {@code hi * 2^18 + lo} (hi, lo int8 weights); times the int8
 * activation a it gives {@code a*hi * 2^18 + a*lo}. A sum S of n such products holds {@code H *
 * 2^18 + L} with H, L the two dot products. L is a sum of int8 x int8 products, each in [-16256,
 * 16384], so for n <= 7 it lies in [-2^17, 2^17) and the low 18 bits of S, read as signed, are L
 * exactly. A negative L borrows one from the upper field (the sign extension of L runs through
 * it): S >> 18 (arithmetic) is H - 1 when L < 0, so {@code H = (S >> 18) + S[17]}, the correction.
 * Eight products of -128 x -128 would make L = 2^17, so at most seven are summed before the
 * split; longer dot products add the split sums in int32 as before.
 */
public final class PackedMac {
  /** Where the high weight sits in the pre-adder operand: the low field's width. */
  public static final int SHIFT = 18;
  /** The pre-adder operand hi * 2^18 + lo, signed: DSP48E2's 27-bit pre-adder output (A + D). */
  public static final int OPERAND_BITS = 27;
  /** Products summed in the packed form before the split: the low field holds at most seven. */
  public static final int LANES_PER_CHUNK = 7;
  /** The packed product: an int8 activation times the 27-bit operand. */
  public static final int PRODUCT_BITS = 8 + OPERAND_BITS;

  private PackedMac() {}

  /** The pre-adder's value for weights {@code hi} (PE 2k+1) and {@code lo} (PE 2k). */
  public static long operand(int hi, int lo) {
    return ((long) hi << SHIFT) + lo;
  }

  /** Chunks of at most {@link #LANES_PER_CHUNK} lanes a SIMD beat is split into. */
  public static int chunks(int simd) {
    return (simd + LANES_PER_CHUNK - 1) / LANES_PER_CHUNK;
  }

  /** The low dot product of a packed sum: its low 18 bits, signed. */
  public static long low(long packedSum) {
    return (packedSum << (64 - SHIFT)) >> (64 - SHIFT);
  }

  /** The high dot product of a packed sum: its upper bits plus the borrow bit 17. */
  public static long high(long packedSum) {
    return (packedSum >> SHIFT) + ((packedSum >> (SHIFT - 1)) & 1);
  }

  /**
   * The two dot products of one beat computed the packed way: {@code {sum_l a[l]*lo[l], sum_l
   * a[l]*hi[l]}}, summing the packed products chunk by chunk and splitting each chunk's sum.
   */
  public static long[] dot(byte[] a, byte[] hi, byte[] lo) {
    long low = 0;
    long high = 0;
    for (int from = 0; from < a.length; from += LANES_PER_CHUNK) {
      long s = 0;
      for (int l = from; l < Math.min(a.length, from + LANES_PER_CHUNK); l++) {
        s += a[l] * operand(hi[l], lo[l]);
      }
      low += low(s);
      high += high(s);
    }
    return new long[] {low, high};
  }
}
