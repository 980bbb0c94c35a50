package org.shardwire.blocks.engines;

import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.SInt;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * A {@link Module} with the small idioms every engine uses: wrapping counters, modular address
 * arithmetic and signed constants. Counters count 0 .. count-1 and wrap; a counter of count 1 is a
 * constant 0 whose {@link #isLast} is always true, so loop nests need no special cases.
 */
public abstract class EngineModule extends Module {

  protected EngineModule(String moduleName) {
    super(moduleName);
  }

  /** Bits of an unsigned value 0 .. maxValue (at least 1). */
  public static int bitsFor(long maxValue) {
    if (maxValue < 0) {
      throw new IllegalArgumentException("bitsFor needs a non-negative value, got " + maxValue);
    }
    return Math.max(1, 64 - Long.numberOfLeadingZeros(maxValue));
  }

  /** Bits of a two's complement value in -maxMagnitude .. maxMagnitude. */
  public static int signedBitsFor(long maxMagnitude) {
    return bitsFor(Math.abs(maxMagnitude)) + 1;
  }

  /** A counter register for 0 .. count-1, reset to 0; a count of 1 is the constant 0 (no register). */
  protected final UInt counter(String name, long count) {
    if (count < 1) {
      throw new IllegalArgumentException("counter " + name + " needs a count >= 1, got " + count);
    }
    return count == 1 ? UInt.of(0, 1) : regInit(name, Type.uint(bitsFor(count - 1)), 0);
  }

  /** High when a counter of {@code count} holds its last value. */
  protected static Bool isLast(UInt counter, long count) {
    return count == 1 ? Bool.of(true) : counter.eq(count - 1);
  }

  /** Advances a counter of {@code count} by one, wrapping to 0 (call inside a {@code when}). */
  protected static void step(UInt counter, long count) {
    if (count == 1) {
      return;
    }
    when(counter.eq(count - 1), () -> counter.assign(0)).otherwise(() -> counter.assign(counter.plus(1)));
  }

  /** {@code (a + k) mod modulus} for {@code a < modulus} and a constant {@code 0 <= k < modulus}. */
  protected final UInt addMod(String name, UInt a, long k, long modulus) {
    if (k < 0 || k >= modulus) {
      throw new IllegalArgumentException("addMod needs 0 <= k < modulus, got k=" + k + ", modulus=" + modulus);
    }
    if (k == 0) {
      return wire(name, a);
    }
    // a + k wraps iff a >= modulus - k; both branches stay in a's width.
    int w = a.width();
    long threshold = modulus - k;
    UInt result = wire(name, Type.uint(w));
    result.assign(a.plus(UInt.of(k, w)));
    when(a.ge(UInt.of(threshold, w)), () -> result.assign(a.minus(UInt.of(threshold, w))));
    return result;
  }

  /** {@code select ? whenTrue : whenFalse} as a named wire. */
  protected final UInt mux(String name, Bool select, UInt whenTrue, UInt whenFalse) {
    UInt w = wire(name, Type.uint(whenTrue.width()));
    w.assign(whenFalse);
    when(select, () -> w.assign(whenTrue));
    return w;
  }

  /** {@code select ? whenTrue : whenFalse} as a named wire. */
  protected final SInt mux(String name, Bool select, SInt whenTrue, SInt whenFalse) {
    SInt w = wire(name, Type.sint(whenTrue.width()));
    w.assign(whenFalse);
    when(select, () -> w.assign(whenTrue));
    return w;
  }

  /**
   * Engines count positions themselves (docs/engines.md), so an input's tlast is not needed; it
   * lands in a wire named *unused*, which Verilator's -Wall exempts, keeping the module lint-clean.
   */
  protected final void ignoreLast(Axis input, String port) {
    wire(port + "_tlast_unused", Type.bool()).assign(input.last());
  }

  /** A signed constant. */
  protected static SInt sconst(long value, int width) {
    return SInt.of(value, width);
  }

  /** A two's complement value taken modulo 2^width as an unsigned register initial value. */
  protected static long modPow2(long value, int width) {
    return width >= 63 ? value : value & ((1L << width) - 1);
  }
}
