package org.shardwire.blocks.link;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;

/**
 * The combinational CRC-32 step over one 64-bit word: each next-state bit is the parity of the
 * state and word bits that {@link Crc32Words#matrix()} selects (derived at elaboration time),
 * written as one masked reduction XOR per bit ({@code ^(word & mask)}). An explicit XOR tree
 * (one wire per gate) gave every link endpoint ~17,000 lines of Verilog and most of the
 * Verilator build time of a cluster with dozens of endpoints.
 */
final class CrcNetwork {
  private CrcNetwork() {}

  private static final Crc32Words.Row[] ROWS = Crc32Words.matrix();

  /** The CRC register after {@code word}: 32 bits, from a 32-bit state and a 64-bit word. */
  static Bits next(Bits state, Bits word) {
    if (state.width() != LinkFrame.CRC_BITS) {
      throw new IllegalArgumentException("CRC step needs a 32-bit state, got " + state.width() + " bits");
    }
    checkWord(word);
    List<Bool> bits = new ArrayList<>();
    for (Crc32Words.Row row : ROWS) {
      bits.add(parity(state, row.stateMask() & 0xFFFF_FFFFL).xor(parity(word, row.wordMask())));
    }
    return Bits.packLanes(bits);
  }

  /**
   * The CRC register after {@code word} from the initial value ({@link Crc32Words#INITIAL}): the
   * state's share of each bit is a constant, folded here rather than left to the tools.
   */
  static Bits first(Bits word) {
    checkWord(word);
    List<Bool> bits = new ArrayList<>();
    for (Crc32Words.Row row : ROWS) {
      boolean constant = (Integer.bitCount(Crc32Words.INITIAL & row.stateMask()) & 1) != 0;
      Bool p = parity(word, row.wordMask());
      bits.add(constant ? p.not() : p);
    }
    return Bits.packLanes(bits);
  }

  private static void checkWord(Bits word) {
    if (word.width() != LinkFrame.WORD_BITS) {
      throw new IllegalArgumentException("CRC step needs a 64-bit word, got " + word.width() + " bits");
    }
  }

  /** Parity of the bits of {@code v} that {@code mask} selects. */
  private static Bool parity(Bits v, long mask) {
    if (mask == 0) {
      return Bool.of(false);
    }
    return v.and(Bits.of(new BigInteger(Long.toUnsignedString(mask)), v.width())).xorReduce();
  }
}
