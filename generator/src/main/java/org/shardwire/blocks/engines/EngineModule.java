package org.shardwire.blocks.engines;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  /** Enabled cycles from a streaming engine's requantizer input to its registered result. */
  public static final int REQUANT_LATENCY = RequantStages.COMPACT.latency();

  /** Bits of a requantizer's multiplier M as a signed operand (M itself is 0 .. 2^31 - 1). */
  public static final int MULTIPLIER_BITS = 32;
  /** Bits of s - 1 (0 .. 61). */
  public static final int SHIFT_BITS = 6;

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

  /**
   * {@code value} {@code cycles} clock cycles later through registers {@code name1 .. name<cycles>}
   * (a free-running delay line); {@code reset} clears them, as a valid bit needs.
   */
  protected final Bool delay(String name, Bool value, int cycles, boolean reset) {
    Bool v = value;
    for (int i = 1; i <= cycles; i++) {
      Bool r = reset ? regInit(name + i, Type.bool(), 0) : reg(name + i, Type.bool());
      r.assign(v);
      v = r;
    }
    return v;
  }

  protected final Bool pipe(String name, Bool value, Bool enable) {
    Bool r = reg(name, Type.bool());
    when(enable, () -> r.assign(value));
    return r;
  }

  /** Registers {@code name_0 .. name_<n-1>} holding {@code values} (none for an empty list). */
  protected final List<Bool> pipe(String name, List<Bool> values, Bool enable) {
    List<Bool> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      out.add(pipe(name + "_" + i, values.get(i), enable));
    }
    return out;
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
   * {@code rq(value; table[select])}, unclamped, exact, in {@link RequantStages#COMPACT} stages
   * ({@link #REQUANT_LATENCY} enabled cycles): {@link #requantize(String, SInt, SInt, UInt, Set,
   * ClampBounds, Bool, RequantStages)} with M and s - 1 chosen from constants. A table of
   * several (M, s) pairs shares one multiplier.
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
      if (select != null) {
        wire(name + "_select_unused", select);
      }
      return pipe(name + "_result", pipe(name + "_value", value, enable), enable);
    }
    List<Integer> keys = new ArrayList<>(table.keySet());
    RequantConstants first = table.get(keys.get(0));
    Set<Integer> shifts = new TreeSet<>(table.values().stream().map(RequantConstants::shift).toList());
    SInt multiplier = wire(name + "_multiplier", Type.sint(MULTIPLIER_BITS));
    UInt shiftMinusOne = wire(name + "_shift_minus_one", Type.uint(SHIFT_BITS));
    multiplier.assign(first.multiplier());
    shiftMinusOne.assign(first.shift() - 1);
    if (new HashSet<>(table.values()).size() == 1) {
      if (select != null) { // every entry alike: nothing to select (the wire keeps Verilator -Wall quiet)
        wire(name + "_select_unused", select);
      }
    } else {
      Switch pick = switchOn(select);
      for (int key : keys.subList(1, keys.size())) {
        RequantConstants k = table.get(key);
        pick.is(key, () -> {
          multiplier.assign(k.multiplier());
          shiftMinusOne.assign(k.shift() - 1);
        });
      }
      pick.end();
    }
    return requantize(name, value, multiplier, shiftMinusOne, shifts, null, enable, RequantStages.COMPACT);
  }

  /**
   * The requantizer of docs/numerics.md, the one every engine uses: {@code rq(v) = (v * M +
   * 2^(s-1)) >> s}, exact (never wraps), optionally clamped to int8, after {@code stages} enabled
   * cycles. The rounding shift is done as {@code ((p >> (s-1)) >> 1) + bit (s-1) of p}, i.e.
   * {@code ((p >> (s-1)) + 1) >> 1}, which equals {@code (p + 2^(s-1)) >> s} for every integer p
   * (a floor of a floor), so no rounding constant is added before the shift.
   *
   * <p>{@code shifts} are the values s can take: a bit of s - 1 that is the same in all of them is
   * a constant shift (wiring); only bits that differ become mux levels, so a requantizer whose
   * shift is fixed has no barrel shifter at all.
   *
   * @param multiplier M, non-negative, {@value #MULTIPLIER_BITS} bits
   * @param shiftMinusOne s - 1, {@value #SHIFT_BITS} bits, one of {@code shifts} minus one
   * @param clamp bounds to clamp the result to (int8), or null for the unclamped value
   * @param enable advances every stage (a free-running pipeline passes a constant true)
   */
  protected final SInt requantize(String name, SInt value, SInt multiplier, UInt shiftMinusOne, Set<Integer> shifts,
      ClampBounds clamp, Bool enable, RequantStages stages) {
    if (multiplier.width() != MULTIPLIER_BITS || shiftMinusOne.width() != SHIFT_BITS || shifts.isEmpty()) {
      throw new IllegalArgumentException("requantizer " + name + " needs a " + MULTIPLIER_BITS + "-bit M, a "
          + SHIFT_BITS + "-bit s - 1 and its possible shifts");
    }
    int always = (1 << SHIFT_BITS) - 1;
    int sometimes = 0;
    for (int shift : shifts) {
      if (shift < 1 || shift > RequantConstants.MAX_SHIFT) {
        throw new IllegalArgumentException("requantizer " + name + ": shift " + shift + " outside 1.."
            + RequantConstants.MAX_SHIFT);
      }
      always &= shift - 1;
      sometimes |= shift - 1;
    }
    List<Integer> levels = new ArrayList<>(); // bits of s - 1 that differ between the shifts
    for (int bit = 0; bit < SHIFT_BITS; bit++) {
      if ((sometimes & ~always & (1 << bit)) != 0) {
        levels.add(bit);
      }
    }

    // Only the bits of s - 1 that differ travel down the pipeline; the rest of s - 1 is read by a
    // wire named "unused" (Verilator -Wall exempts it), since those bits are constants here.
    wire(name + "_shift_minus_one_unused", shiftMinusOne);
    List<Bool> select = new ArrayList<>();
    for (int bit : levels) {
      select.add(shiftMinusOne.bit(bit));
    }

    // Product stages: value * M (|p| < 2^(w-2): a spare bit, so the rounding add below cannot overflow).
    SInt p = pipe(name + "_product", value.times(multiplier), enable);
    select = pipe(name + "_level_select", select, enable);
    for (int i = 1; i < stages.product(); i++) {
      p = pipe(name + "_product" + i, p, enable);
      select = pipe(name + "_level_select" + i, select, enable);
    }
    // Shift right by s - 1: the bits every shift has are a constant slice, the others mux levels.
    SInt q = shiftRightOrSign(name + "_by" + always, p, always);
    // The mux levels in up to stages.shift() chunks, each followed by its register.
    int chunks = Math.max(1, stages.shift());
    int perChunk = (levels.size() + chunks - 1) / chunks;
    int next = 0;
    List<Bool> pending = select; // the selects of levels next, next + 1, ...
    for (int chunk = 0; chunk < chunks; chunk++) {
      int end = Math.min(levels.size(), next + perChunk);
      for (; next < end; next++) {
        int bit = levels.get(next);
        q = mux(name + "_level" + bit, pending.get(0), shiftRightOrSign(name + "_level" + bit + "_by" + (1 << bit),
            q, 1 << bit).resize(q.width()), q);
        pending = pending.subList(1, pending.size());
      }
      if (chunk < stages.shift()) {
        q = pipe(name + "_shifted" + (chunk + 1), q, enable);
        pending = pipe(name + "_level_select_s" + (chunk + 1), pending, enable);
      }
    }
    // Round: (q + 1) >> 1 = (q >> 1) + q[0], in q's width (q has the spare bit).
    SInt rounded = wire(name + "_rounded", q.slice(q.width() - 1, 1).resize(q.width())
        .plus(q.bit(0).asUInt(q.width()).asSInt()));
    return pipe(name + "_result", clamp == null ? rounded : clampInt8(name + "_clamped", rounded, clamp), enable);
  }

  /** {@code value >> by} (arithmetic, by a constant) in at least 2 bits: the sign alone once every bit is shifted out. */
  private SInt shiftRightOrSign(String name, SInt value, int by) {
    if (by == 0) {
      return value;
    }
    return shiftRight(name, value, Math.min(by, value.width() - 1)).resize(Math.max(2, value.width() - by));
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
