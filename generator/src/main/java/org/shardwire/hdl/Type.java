package org.shardwire.hdl;

import java.util.function.Function;
import java.util.function.Supplier;
import spinal.core.Data;
import spinal.core.HardType;

/**
 * A hardware type with its width: what {@code in}, {@code out}, {@code wire} and {@code reg}
 * create. {@code Type.uint(8)} is an 8-bit unsigned signal.
 */
public final class Type<S extends Signal> {
  private final String description;
  private final int width;
  private final Supplier<Data> factory;
  private final Function<Data, S> wrapper;

  private Type(String description, int width, Supplier<Data> factory, Function<Data, S> wrapper) {
    this.description = description;
    this.width = width;
    this.factory = factory;
    this.wrapper = wrapper;
  }

  public static Type<Bool> bool() {
    return new Type<>("Bool", 1, () -> spinal.core.package$.MODULE$.Bool(), d -> new Bool((spinal.core.Bool) d));
  }

  public static Type<UInt> uint(int width) {
    Signal.bits(width);
    return new Type<>("UInt(" + width + ")", width, () -> spinal.core.package$.MODULE$.UInt(Signal.bits(width)),
        d -> new UInt((spinal.core.UInt) d));
  }

  public static Type<SInt> sint(int width) {
    Signal.bits(width);
    return new Type<>("SInt(" + width + ")", width, () -> spinal.core.package$.MODULE$.SInt(Signal.bits(width)),
        d -> new SInt((spinal.core.SInt) d));
  }

  public static Type<Bits> bits(int width) {
    Signal.bits(width);
    return new Type<>("Bits(" + width + ")", width, () -> spinal.core.package$.MODULE$.Bits(Signal.bits(width)),
        d -> new Bits((spinal.core.Bits) d));
  }

  /** Width in bits. */
  public int width() {
    return width;
  }

  Data newRaw() {
    Data raw = factory.get();
    if (raw instanceof spinal.core.BaseType b) {
      b.scalaTrace_$eq(SourceLocation.userTrace());
    }
    return raw;
  }

  HardType<Data> hardType() {
    return spinal.core.HardType$.MODULE$.apply(factory::get);
  }

  S wrap(Data raw) {
    return wrapper.apply(raw);
  }

  @Override
  public String toString() {
    return description;
  }
}
