package org.shardwire.blocks.link;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;

/**
 * The combinational CRC-32 step over one 64-bit word: each next-state bit is an XOR tree over
 * the state and word bits that {@link Crc32Words#matrix()} selects (derived at elaboration time).
 */
final class CrcNetwork {
  private CrcNetwork() {}

  private static final Crc32Words.Row[] ROWS = Crc32Words.matrix();

  /** The CRC register after {@code word}: 32 bits, from a 32-bit state and a 64-bit word. */
  static Bits next(Bits state, Bits word) {
    if (state.width() != LinkFrame.CRC_BITS || word.width() != LinkFrame.WORD_BITS) {
      throw new IllegalArgumentException("CRC step needs a 32-bit state and a 64-bit word, got " + state.width()
          + " and " + word.width() + " bits");
    }
    List<Bool> bits = new ArrayList<>();
    for (Crc32Words.Row row : ROWS) {
      List<Bool> terms = new ArrayList<>();
      for (int j = 0; j < LinkFrame.CRC_BITS; j++) {
        if (((row.stateMask() >>> j) & 1) != 0) {
          terms.add(state.bit(j));
        }
      }
      for (int j = 0; j < LinkFrame.WORD_BITS; j++) {
        if (((row.wordMask() >>> j) & 1) != 0) {
          terms.add(word.bit(j));
        }
      }
      bits.add(xorTree(terms));
    }
    return Bits.packLanes(bits);
  }

  /** Balanced, so the depth is log2 of the term count rather than the count itself. */
  private static Bool xorTree(List<Bool> terms) {
    if (terms.isEmpty()) {
      return Bool.of(false);
    }
    List<Bool> level = terms;
    while (level.size() > 1) {
      List<Bool> next = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(level.get(i).xor(level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }
}
