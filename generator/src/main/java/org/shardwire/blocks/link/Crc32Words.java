package org.shardwire.blocks.link;

import java.util.List;

/**
 * CRC-32 (IEEE 802.3: reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF)
 * over 64-bit words, each word taken as its eight bytes least significant first: the value
 * {@code java.util.zip.CRC32} gives for the same bytes.
 *
 * <p>The hardware advances the CRC by a whole word per cycle. One step is linear over GF(2) in
 * the 32 state bits and the 64 word bits, so each next-state bit is the XOR of a fixed subset of
 * them; {@link #matrix()} derives those subsets by running the bitwise reference on unit vectors.
 */
public final class Crc32Words {
  private Crc32Words() {}

  public static final int POLYNOMIAL_REFLECTED = 0xEDB8_8320;
  public static final int INITIAL = 0xFFFF_FFFF;

  /** One row of the step matrix: next-state bit = parity(state & stateMask) ^ parity(word & wordMask). */
  public record Row(int stateMask, long wordMask) {}

  /** Bitwise reference: the CRC register after shifting in the 64 bits of {@code word}, bit 0 first. */
  public static int stepBitwise(int state, long word) {
    int crc = state;
    for (int i = 0; i < 64; i++) {
      int in = (int) ((word >>> i) & 1);
      int feedback = (crc ^ in) & 1;
      crc = (crc >>> 1) ^ (feedback != 0 ? POLYNOMIAL_REFLECTED : 0);
    }
    return crc;
  }

  /** The 32 rows of the step matrix, row i giving next-state bit i. */
  public static Row[] matrix() {
    int[] stateMasks = new int[32];
    long[] wordMasks = new long[32];
    for (int j = 0; j < 32; j++) {
      int column = stepBitwise(1 << j, 0);
      for (int i = 0; i < 32; i++) {
        if (((column >>> i) & 1) != 0) {
          stateMasks[i] |= 1 << j;
        }
      }
    }
    for (int j = 0; j < 64; j++) {
      int column = stepBitwise(0, 1L << j);
      for (int i = 0; i < 32; i++) {
        if (((column >>> i) & 1) != 0) {
          wordMasks[i] |= 1L << j;
        }
      }
    }
    Row[] rows = new Row[32];
    for (int i = 0; i < 32; i++) {
      rows[i] = new Row(stateMasks[i], wordMasks[i]);
    }
    return rows;
  }

  /** One step computed from the matrix, as the hardware does. */
  public static int stepByMatrix(Row[] rows, int state, long word) {
    int next = 0;
    for (int i = 0; i < 32; i++) {
      int parity = (Integer.bitCount(state & rows[i].stateMask()) + Long.bitCount(word & rows[i].wordMask())) & 1;
      next |= parity << i;
    }
    return next;
  }

  /** The CRC a trailer carries for a frame whose covered words are {@code words}. */
  public static int frameCrc(List<Long> words) {
    int crc = INITIAL;
    for (long w : words) {
      crc = stepBitwise(crc, w);
    }
    return ~crc;
  }
}
