package org.shardwire.hdl;

import java.math.BigInteger;
import java.util.List;

/** An untyped bit vector: packing, slicing and concatenation of stream payloads. */
public final class Bits extends Signal {
  final spinal.core.Bits raw;

  Bits(spinal.core.Bits raw) {
    this.raw = raw;
  }

  public static Bits of(BigInteger value, int width) {
    if (value.signum() < 0 || value.bitLength() > width) {
      throw new HdlException("bits literal " + value + " does not fit in " + width + " bits at "
          + SourceLocation.describeHere());
    }
    return new Bits(spinal.core.B$.MODULE$.apply(big(value), bits(width)));
  }

  public static Bits zeros(int width) {
    return of(BigInteger.ZERO, width);
  }

  /** Concatenation with {@code parts.get(0)} in the most significant position (Verilog {a, b, c}). */
  public static Bits concat(List<? extends Signal> parts) {
    if (parts.isEmpty()) {
      throw new HdlException("concat of no signals at " + SourceLocation.describeHere());
    }
    Bits acc = parts.get(0).asBits();
    for (int i = 1; i < parts.size(); i++) {
      acc = acc.concat(parts.get(i).asBits());
    }
    return acc;
  }

  /** Concatenation with lane 0 in the least significant position: how SIMD lanes are packed. */
  public static Bits packLanes(List<? extends Signal> lanes) {
    List<Signal> mostSignificantFirst = new java.util.ArrayList<>(lanes);
    java.util.Collections.reverse(mostSignificantFirst);
    return concat(mostSignificantFirst);
  }

  @Override
  Signal constantLike(long value) {
    return of(BigInteger.valueOf(value), width());
  }

  @Override
  spinal.core.Bits raw() {
    return raw;
  }

  @Override
  public int width() {
    return raw.getWidth();
  }

  /** {this, low}: this in the high bits. */
  public Bits concat(Bits low) {
    return new Bits(raw.$hash$hash(low.raw));
  }

  public Bits slice(int hi, int lo) {
    UInt.checkSlice(hi, lo, width());
    return new Bits(raw.apply(lo, bits(hi - lo + 1)));
  }

  /** Lane {@code index} of {@code laneWidth}-bit lanes, lane 0 in the least significant bits. */
  public Bits lane(int index, int laneWidth) {
    return slice((index + 1) * laneWidth - 1, index * laneWidth);
  }

  public Bool bit(int index) {
    UInt.checkSlice(index, index, width());
    return new Bool(raw.apply(index));
  }

  public Bits resize(int width) {
    return new Bits(raw.resize(width));
  }

  public Bool eq(Bits other) {
    return new Bool(raw.$eq$eq$eq(other.raw));
  }

  public Bool ne(Bits other) {
    return new Bool(raw.$eq$div$eq(other.raw));
  }

  public Bits and(Bits other) {
    return new Bits(raw.$amp(other.raw));
  }

  public Bits or(Bits other) {
    return new Bits(raw.$bar(other.raw));
  }

  /** The XOR of all bits (Verilog {@code ^x}): one expression, however wide. */
  public Bool xorReduce() {
    return new Bool(raw.xorR());
  }

  @Override
  public Bits asBits() {
    return this;
  }

  public UInt asUInt() {
    return new UInt(raw.asUInt());
  }

  public SInt asSInt() {
    return new SInt(raw.asSInt());
  }

  public void assign(Bits value) {
    raw.$colon$eq(value.raw, SourceLocation.here());
  }
}
