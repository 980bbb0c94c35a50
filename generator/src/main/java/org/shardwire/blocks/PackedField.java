package org.shardwire.blocks;

import java.math.BigInteger;
import org.shardwire.hdl.Bits;

/**
 * One field of a packed word (a ROM entry, a header): its least significant bit and width. A
 * layout is a chain, {@code first(6)}, then {@code .next(31)}, ..., so offsets are derived, never
 * typed; the same field places a value when the word is built and slices it out in the RTL.
 */
public record PackedField(String name, int lsb, int width) {
  public PackedField {
    if (lsb < 0 || width < 1 || width > 63) {
      throw new IllegalArgumentException("packed field " + name + ": needs lsb >= 0 and a width of 1..63 bits, got "
          + "lsb " + lsb + ", width " + width);
    }
  }

  /** The least significant field of a word. */
  public static PackedField first(String name, int width) {
    return new PackedField(name, 0, width);
  }

  /** The field just above this one. */
  public PackedField next(String name, int width) {
    return new PackedField(name, end(), width);
  }

  /** One past the most significant bit: the word width when this is the last field. */
  public int end() {
    return lsb + width;
  }

  /** The value in this field's position: two's complement, so a signed field must fit its width. */
  public BigInteger place(long value) {
    long min = -(1L << (width - 1));
    long max = (1L << width) - 1;
    if (value < min || value > max) {
      throw new IllegalArgumentException("packed field " + name + ": " + value + " does not fit in " + width + " bits");
    }
    return BigInteger.valueOf(value & ((1L << width) - 1)).shiftLeft(lsb);
  }

  /** This field of {@code entry} (bits relative to the entry's least significant bit). */
  public Bits of(Bits entry) {
    return entry.slice(lsb + width - 1, lsb);
  }
}
