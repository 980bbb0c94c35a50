package org.shardwire.hdl;

import java.math.BigInteger;

/** A two's complement signal. */
public final class SInt extends Signal {
  final spinal.core.SInt raw;

  SInt(spinal.core.SInt raw) {
    this.raw = raw;
  }

  /** A constant of the given width; fails at elaboration if the value does not fit. */
  public static SInt of(long value, int width) {
    BigInteger v = BigInteger.valueOf(value);
    if (v.bitLength() + 1 > width) {
      throw new HdlException("signed literal " + value + " does not fit in " + width + " bits at "
          + SourceLocation.describeHere());
    }
    return new SInt(spinal.core.S$.MODULE$.apply(big(v), bits(width)));
  }

  @Override
  Signal constantLike(long value) {
    return of(value, width());
  }

  @Override
  spinal.core.SInt raw() {
    return raw;
  }

  @Override
  public int width() {
    return raw.getWidth();
  }

  public SInt plus(SInt other) {
    return new SInt(raw.$plus(other.raw));
  }

  /** Sum one bit wider than the wider operand, so it never overflows. */
  public SInt plusExpanding(SInt other) {
    return new SInt(raw.$plus$up(other.raw));
  }

  public SInt minus(SInt other) {
    return new SInt(raw.$minus(other.raw));
  }

  public SInt times(SInt other) {
    return new SInt(raw.$times(other.raw));
  }

  public SInt negate() {
    return new SInt(raw.unary_$minus());
  }

  public Bool lt(SInt other) {
    return new Bool(raw.$less(other.raw));
  }

  public Bool le(SInt other) {
    return new Bool(raw.$less$eq(other.raw));
  }

  public Bool gt(SInt other) {
    return new Bool(raw.$greater(other.raw));
  }

  public Bool ge(SInt other) {
    return new Bool(raw.$greater$eq(other.raw));
  }

  public Bool eq(SInt other) {
    return new Bool(raw.$eq$eq$eq(other.raw));
  }

  public Bool ne(SInt other) {
    return new Bool(raw.$eq$div$eq(other.raw));
  }

  /** Arithmetic shift left by a constant; the result is wider by {@code n}. */
  public SInt shiftLeft(int n) {
    return new SInt(raw.$less$less(n));
  }

  /** Arithmetic shift right by a constant; the result is narrower by {@code n}. */
  public SInt shiftRight(int n) {
    return new SInt(raw.$greater$greater(n));
  }

  /** Sign-extends or truncates to {@code width} bits. */
  public SInt resize(int width) {
    return new SInt(raw.resize(width));
  }

  /** Bits {@code hi} down to {@code lo} reinterpreted as a signed value. */
  public SInt slice(int hi, int lo) {
    UInt.checkSlice(hi, lo, width());
    return new SInt(raw.apply(lo, bits(hi - lo + 1)));
  }

  public Bool bit(int index) {
    UInt.checkSlice(index, index, width());
    return new Bool(raw.apply(index));
  }

  public Bool isNegative() {
    return bit(width() - 1);
  }

  @Override
  public Bits asBits() {
    return new Bits(raw.asBits());
  }

  /** Reinterprets the bits as unsigned, same width. */
  public UInt asUInt() {
    return new UInt(raw.asUInt());
  }

  public void assign(SInt value) {
    raw.$colon$eq(value.raw, SourceLocation.here());
  }

  public void assign(long constant) {
    assign(of(constant, width()));
  }
}
