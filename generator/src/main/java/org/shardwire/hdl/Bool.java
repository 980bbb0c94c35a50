package org.shardwire.hdl;

/** A one-bit signal. */
public final class Bool extends Signal {
  final spinal.core.Bool raw;

  Bool(spinal.core.Bool raw) {
    this.raw = raw;
  }

  /** A constant. */
  public static Bool of(boolean value) {
    return new Bool(spinal.core.package$.MODULE$.Bool(value, SourceLocation.here()));
  }

  @Override
  Signal constantLike(long value) {
    return of(value != 0);
  }

  @Override
  spinal.core.Bool raw() {
    return raw;
  }

  @Override
  public int width() {
    return 1;
  }

  public Bool and(Bool other) {
    return new Bool(raw.$amp$amp(other.raw));
  }

  public Bool or(Bool other) {
    return new Bool(raw.$bar$bar(other.raw));
  }

  public Bool xor(Bool other) {
    return new Bool(raw.$up(other.raw));
  }

  public Bool not() {
    return new Bool(raw.unary_$bang());
  }

  public Bool eq(Bool other) {
    return new Bool(raw.$eq$eq$eq(other.raw));
  }

  public Bool ne(Bool other) {
    return new Bool(raw.$eq$div$eq(other.raw));
  }

  /** Drives this signal (Verilog assignment; last assignment in a conditional scope wins). */
  public void assign(Bool value) {
    raw.$colon$eq(value.raw, SourceLocation.here());
  }

  public void assign(boolean value) {
    assign(of(value));
  }

  @Override
  public Bits asBits() {
    return new Bits(raw.asBits());
  }

  /** 0 or 1 as an unsigned value of the given width. */
  public UInt asUInt(int width) {
    return new UInt(raw.asUInt(bits(width)));
  }

  /** A register that holds this value one cycle later (no reset value). */
  public Bool delayed() {
    return new Bool(spinal.core.RegNext$.MODULE$.apply(raw, null));
  }
}
