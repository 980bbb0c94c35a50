package org.shardwire.hdl;

import java.math.BigInteger;

/** An unsigned integer signal. Arithmetic follows SpinalHDL widths: plus/minus keep the wider
 * operand's width (wrap), times gives the sum of the widths. */
public final class UInt extends Signal {
  final spinal.core.UInt raw;

  UInt(spinal.core.UInt raw) {
    this.raw = raw;
  }

  /** A constant of the given width; fails at elaboration if the value does not fit. */
  public static UInt of(long value, int width) {
    return of(BigInteger.valueOf(value), width);
  }

  public static UInt of(BigInteger value, int width) {
    if (value.signum() < 0 || value.bitLength() > width) {
      throw new HdlException("unsigned literal " + value + " does not fit in " + width + " bits at "
          + SourceLocation.describeHere());
    }
    return new UInt(spinal.core.U$.MODULE$.apply(big(value), bits(width)));
  }

  @Override
  Signal constantLike(long value) {
    return of(value, width());
  }

  @Override
  spinal.core.UInt raw() {
    return raw;
  }

  @Override
  public int width() {
    return raw.getWidth();
  }

  public UInt plus(UInt other) {
    return new UInt(raw.$plus(other.raw));
  }

  /** Sum one bit wider than the wider operand, so it never wraps. */
  public UInt plusExpanding(UInt other) {
    return new UInt(raw.$plus$up(other.raw));
  }

  public UInt plus(long constant) {
    return plus(of(constant, width()));
  }

  public UInt minus(UInt other) {
    return new UInt(raw.$minus(other.raw));
  }

  public UInt minus(long constant) {
    return minus(of(constant, width()));
  }

  public UInt times(UInt other) {
    return new UInt(raw.$times(other.raw));
  }

  public Bool lt(UInt other) {
    return new Bool(raw.$less(other.raw));
  }

  public Bool le(UInt other) {
    return new Bool(raw.$less$eq(other.raw));
  }

  public Bool gt(UInt other) {
    return new Bool(raw.$greater(other.raw));
  }

  public Bool ge(UInt other) {
    return new Bool(raw.$greater$eq(other.raw));
  }

  public Bool eq(UInt other) {
    return new Bool(raw.$eq$eq$eq(other.raw));
  }

  public Bool eq(long constant) {
    return eq(of(constant, width()));
  }

  public Bool ne(UInt other) {
    return new Bool(raw.$eq$div$eq(other.raw));
  }

  public Bool ne(long constant) {
    return ne(of(constant, width()));
  }

  public UInt and(UInt other) {
    return new UInt(raw.$amp(other.raw));
  }

  public UInt or(UInt other) {
    return new UInt(raw.$bar(other.raw));
  }

  public UInt xor(UInt other) {
    return new UInt(raw.$up(other.raw));
  }

  public UInt not() {
    return new UInt(raw.unary_$tilde());
  }

  /** Logical shift left by a constant; the result is wider by {@code n}. */
  public UInt shiftLeft(int n) {
    return new UInt(raw.$less$less(n));
  }

  /** Logical shift right by a constant; the result is narrower by {@code n}. */
  public UInt shiftRight(int n) {
    return new UInt(raw.$greater$greater(n));
  }

  /** Zero-extends or truncates to {@code width} bits. */
  public UInt resize(int width) {
    return new UInt(raw.resize(width));
  }

  /** Bits {@code hi} down to {@code lo}, inclusive, as an unsigned value. */
  public UInt slice(int hi, int lo) {
    checkSlice(hi, lo, width());
    return new UInt(raw.apply(lo, bits(hi - lo + 1)));
  }

  /** Bits {@code [offset + width - 1 : offset]} where the offset is a signal. */
  public UInt slice(UInt offset, int width) {
    return new UInt(raw.apply(offset.raw, bits(width)));
  }

  public Bool bit(int index) {
    checkSlice(index, index, width());
    return new Bool(raw.apply(index));
  }

  public Bool msb() {
    return bit(width() - 1);
  }

  @Override
  public Bits asBits() {
    return new Bits(raw.asBits());
  }

  /** Reinterprets the bits as two's complement, same width. */
  public SInt asSInt() {
    return new SInt(raw.asSInt());
  }

  /** Converts to a signed value one bit wider (never changes the number). */
  public SInt toSigned() {
    return new SInt(raw.intoSInt());
  }

  public void assign(UInt value) {
    raw.$colon$eq(value.raw, SourceLocation.here());
  }

  public void assign(long constant) {
    assign(of(constant, width()));
  }

  static void checkSlice(int hi, int lo, int width) {
    if (lo < 0 || hi < lo || hi >= width) {
      throw new HdlException("bit range [" + hi + ":" + lo + "] is outside a " + width + "-bit signal at "
          + SourceLocation.describeHere());
    }
  }
}
