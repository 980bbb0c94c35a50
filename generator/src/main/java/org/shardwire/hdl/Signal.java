package org.shardwire.hdl;

import spinal.core.Data;

/**
 * A typed hardware signal. The four kinds ({@link Bool}, {@link UInt}, {@link SInt}, {@link Bits})
 * wrap SpinalHDL's types so that user code reads as plain Java: methods instead of Scala operators,
 * source locations supplied automatically.
 */
public abstract sealed class Signal permits Bool, UInt, SInt, Bits {

  /** The wrapped SpinalHDL value; only this package sees it. */
  abstract Data raw();

  /** A constant of this signal's kind and width. */
  abstract Signal constantLike(long value);

  /** Width in bits (forces width inference if it is not yet known). */
  public abstract int width();

  /** The raw bits of this signal, same width. */
  public abstract Bits asBits();

  /** Gives the signal a name in the generated Verilog and returns it. */
  @SuppressWarnings("unchecked")
  public <S extends Signal> S named(String name) {
    raw().setName(name, false);
    return (S) this;
  }

  /** Adds a synthesis attribute, e.g. {@code (* keep = "true" *)}. */
  public void addAttribute(String name, String value) {
    raw().addAttribute(name, value);
  }

  /**
   * The widest signal SpinalHDL elaborates (its {@code bitVectorWidthMax} default): wider words,
   * such as a PE x SIMD weight word or a PE-lane parameter ROM entry, must be split into banks.
   */
  public static final int MAX_WIDTH = 4096;

  static spinal.core.BitCount bits(int width) {
    if (width <= 0) {
      throw new HdlException("signal width must be at least 1, got " + width + " at " + SourceLocation.describeHere());
    }
    if (width > MAX_WIDTH) {
      throw new HdlException("signal width " + width + " exceeds the " + MAX_WIDTH + " bits SpinalHDL takes; split "
          + "it into banks, at " + SourceLocation.describeHere());
    }
    return new spinal.core.BitCount(width);
  }

  static scala.math.BigInt big(java.math.BigInteger value) {
    return scala.math.BigInt.apply(value);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + raw() + ")";
  }
}
