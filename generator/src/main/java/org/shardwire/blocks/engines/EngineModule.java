package org.shardwire.blocks.engines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.SInt;
import org.shardwire.hdl.Switch;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * A {@link Module} with the small idioms every engine uses: wrapping counters, modular address
 * arithmetic and signed constants. Counters count 0 .. count-1 and wrap; a counter of count 1 is a
 * constant 0 whose {@link #isLast} is always true, so loop nests need no special cases.
 *
 * <p>Streaming engines are pipelines under one enable ({@code advance}): every stage moves when
 * the last stage is empty or the output register slice ({@link #registeredOutput}) takes its
 * word. The slice's ready is a register, so {@code advance}, and with it every input's tready,
 * depends on registers only. The requantizer and clamp here are docs/numerics.md's.
 */
public abstract class EngineModule extends Module {
  /** Cycles from a requantizer's input to its registered result. */
  public static final int REQUANT_LATENCY = 2;

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

  // ---- streams, pipelines and the arithmetic of docs/numerics.md ----

  /** Output port {@code port} behind an {@link AxisRegisterSlice}; returns the stream the engine drives. */
  protected final Axis registeredOutput(String port, AxisShape shape) {
    Axis out = axisOut(port, shape);
    AxisRegisterSlice slice = child(port + "_slice", new AxisRegisterSlice(shape));
    slice.output().connectTo(out);
    return slice.input();
  }

  // ---- enabled registers ----

  protected final Bool validStage(String name, Bool value, Bool enable) {
    Bool r = regInit(name, Type.bool(), 0);
    when(enable, () -> r.assign(value));
    return r;
  }

  protected final Bool pipe(String name, Bool value, Bool enable) {
    Bool r = reg(name, Type.bool());
    when(enable, () -> r.assign(value));
    return r;
  }

  protected final SInt pipe(String name, SInt value, Bool enable) {
    SInt r = reg(name, Type.sint(value.width()));
    when(enable, () -> r.assign(value));
    return r;
  }

  protected final UInt pipe(String name, UInt value, Bool enable) {
    UInt r = reg(name, Type.uint(value.width()));
    when(enable, () -> r.assign(value));
    return r;
  }

  protected final Bits pipe(String name, Bits value, Bool enable) {
    Bits r = reg(name, Type.bits(value.width()));
    when(enable, () -> r.assign(value));
    return r;
  }

  // ---- arithmetic of docs/numerics.md ----

  /**
   * {@code rq(value; table[select])}, unclamped, exact (never wraps): the product
   * {@code value * M} is registered, then the rounding add and shift; result after
   * {@link #REQUANT_LATENCY} enabled cycles. A table of several (M, s) pairs shares one
   * multiplier: M is selected before it, and each distinct shift's result after it (a shift by
   * a constant is only wiring, so the table costs adders, never a barrel shifter).
   *
   * @param select index into {@code table}; ignored (may be null) for a table of one
   */
  protected final SInt requantize(String name, SInt value, List<RequantConstants> table, UInt select, Bool enable) {
    Map<Integer, RequantConstants> byIndex = new LinkedHashMap<>();
    for (int i = 0; i < table.size(); i++) {
      byIndex.put(i, table.get(i));
    }
    return requantize(name, value, byIndex, select, enable);
  }

  /**
   * As {@link #requantize(String, SInt, List, UInt, Bool)} with a sparse table: {@code table}
   * maps the values {@code select} can take to their (M, s). Other select values give the first
   * entry's result.
   */
  protected final SInt requantize(String name, SInt value, Map<Integer, RequantConstants> table, UInt select,
      Bool enable) {
    if (table.isEmpty()) {
      throw new IllegalArgumentException("requantizer " + name + " needs at least one (M, s) pair");
    }
    if (table.values().stream().allMatch(RequantConstants::isIdentity)) {
      // Equal scales: rq(v) = v. Keep the latency so that callers need not care.
      return pipe(name + "_result", pipe(name + "_value", value, enable), enable);
    }
    List<Integer> keys = new ArrayList<>(table.keySet());
    RequantConstants first = table.get(keys.get(0));
    boolean selected = table.size() > 1;
    SInt multiplier;
    if (selected) {
      multiplier = wire(name + "_multiplier", Type.sint(32));
      Switch pick = switchOn(select);
      for (int key : keys.subList(1, keys.size())) {
        long m = table.get(key).multiplier();
        pick.is(key, () -> multiplier.assign(m));
      }
      pick.otherwise(() -> multiplier.assign(first.multiplier()));
    } else {
      multiplier = s(first.multiplier(), 32);
    }
    SInt product = pipe(name + "_product", value.times(multiplier), enable);
    TreeSet<Integer> shifts = new TreeSet<>(table.values().stream().map(RequantConstants::shift).toList());
    // After the product the select matters only if the shifts differ.
    UInt productSelect = shifts.size() > 1 ? pipe(name + "_select", select, enable) : null;

    Map<Integer, SInt> byShift = new LinkedHashMap<>();
    for (int shift : shifts) {
      int w = Math.max(product.width(), shift + 1) + 1;
      SInt sum = product.resize(w).plus(s(1L << (shift - 1), w));
      byShift.put(shift, shiftRight(name + "_s" + shift, sum, shift));
    }
    int resultWidth = byShift.values().stream().mapToInt(SInt::width).max().orElseThrow();
    SInt result;
    if (byShift.size() == 1) {
      result = byShift.values().iterator().next().resize(resultWidth);
    } else {
      result = wire(name + "_rounded", Type.sint(resultWidth));
      Switch pick = switchOn(productSelect);
      for (int key : keys.subList(1, keys.size())) {
        SInt r = byShift.get(table.get(key).shift()).resize(resultWidth);
        pick.is(key, () -> result.assign(r));
      }
      SInt r0 = byShift.get(first.shift()).resize(resultWidth);
      pick.otherwise(() -> result.assign(r0));
    }
    return pipe(name + "_result", result, enable);
  }

  /**
   * Arithmetic shift right by a constant: the high bits of {@code value}, a fresh expression that
   * this names. A slice keeps Verilog widths exact; the dropped fraction bits are read by nothing,
   * so the wire's name carries "unused", which Verilator's -Wall exempts (--unused-regexp default,
   * the convention the hdl facade uses for ignored FIFO status).
   */
  protected final SInt shiftRight(String name, SInt value, int shift) {
    SInt full = wire(name + "_unused_fraction", value);
    return full.slice(full.width() - 1, shift);
  }

  /** {@code clamp(value, lo, hi)} as an int8 (combinational). */
  protected final SInt clampInt8(String name, SInt value, ClampBounds bounds) {
    int w = Math.max(value.width(), 8);
    SInt wide = value.resize(w);
    SInt y = wire(name, Type.sint(8));
    y.assign(wide.resize(8));
    boolean lowReachable = value.width() > 8 || bounds.lo() > -128;
    boolean highReachable = value.width() > 8 || bounds.hi() < 127;
    if (lowReachable) {
      when(wide.lt(s(bounds.lo(), w)), () -> y.assign(bounds.lo()));
    }
    if (highReachable) {
      when(wide.gt(s(bounds.hi(), w)), () -> y.assign(bounds.hi()));
    }
    return y;
  }

  /** The {@code lanes} int8 lanes of a word, lane 0 in the least significant byte. */
  protected static List<SInt> int8Lanes(Bits word, int lanes) {
    List<SInt> out = new ArrayList<>(lanes);
    for (int l = 0; l < lanes; l++) {
      out.add(word.lane(l, 8).asSInt());
    }
    return out;
  }
}
