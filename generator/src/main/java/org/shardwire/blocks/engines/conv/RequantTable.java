package org.shardwire.blocks.engines.conv;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.shardwire.blocks.PackedField;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.ContentHash;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.quant.Rounding;

/**
 * Per-output-channel integer parameters of a conv/FC layer's output stage (docs/numerics.md):
 * {@code y[o] = clamp((acc[o] + bias[o]) * M[o] + 2^(s[o]-1)) >> s[o], lo, hi)} with a 64-bit
 * signed product. Plain numbers, so blocks do not depend on the quantizer's records.
 */
public record RequantTable(int[] bias, int[] multiplier, int[] shift, int lo, int hi) {
  public static final int MAX_SHIFT = 62;
  /** A channel's parameter ROM entry, least significant field first: s - 1 (0..61), M (31), bias (int32). */
  public static final PackedField SHIFT_MINUS_ONE = PackedField.first("shift_minus_one", EngineModule.SHIFT_BITS);
  public static final PackedField MULTIPLIER = SHIFT_MINUS_ONE.next("multiplier", EngineModule.MULTIPLIER_BITS - 1);
  public static final PackedField BIAS = MULTIPLIER.next("bias", Widths.INT32);
  /** Bits of one channel's entry. */
  public static final int ENTRY_BITS = BIAS.end();

  public RequantTable {
    if (bias == null || multiplier == null || shift == null) {
      throw new IllegalArgumentException("requant table: bias, multiplier and shift must be given");
    }
    if (bias.length < 1 || multiplier.length != bias.length || shift.length != bias.length) {
      throw new IllegalArgumentException("requant table: bias, multiplier and shift need one value per output "
          + "channel, got " + bias.length + ", " + multiplier.length + ", " + shift.length);
    }
    for (int o = 0; o < bias.length; o++) {
      if (multiplier[o] < 0) {
        throw new IllegalArgumentException("requant table: channel " + o + " multiplier must be >= 0, got "
            + multiplier[o]);
      }
      if (shift[o] < 1 || shift[o] > MAX_SHIFT) {
        throw new IllegalArgumentException("requant table: channel " + o + " shift must be in 1.." + MAX_SHIFT
            + ", got " + shift[o]);
      }
    }
    if (lo < -128 || hi > 127 || lo > hi) {
      throw new IllegalArgumentException("requant table: clamp needs -128 <= lo <= hi <= 127, got [" + lo + ", "
          + hi + "]");
    }
    bias = bias.clone();
    multiplier = multiplier.clone();
    shift = shift.clone();
  }

  public int channels() {
    return bias.length;
  }

  @Override
  public int[] bias() {
    return bias.clone();
  }

  @Override
  public int[] multiplier() {
    return multiplier.clone();
  }

  @Override
  public int[] shift() {
    return shift.clone();
  }

  /** The distinct shifts of the channels: what the requantizer's variable shift must cover. */
  public Set<Integer> shifts() {
    Set<Integer> out = new TreeSet<>();
    for (int v : shift) {
      out.add(v);
    }
    return out;
  }

  /**
   * The table with {@code channels - channels()} pad channels after the real ones (a conv whose PE
   * does not divide its output channels computes them and drops them): bias 0, M 0, and the last
   * real channel's shift, so the requantizer's shifter covers no new value.
   */
  public RequantTable paddedTo(int channels) {
    if (channels < channels()) {
      throw new IllegalArgumentException("requant table: cannot pad " + channels() + " channels to " + channels);
    }
    if (channels == channels()) {
      return this;
    }
    int[] s = Arrays.copyOf(shift, channels);
    Arrays.fill(s, channels(), channels, shift[channels() - 1]);
    return new RequantTable(Arrays.copyOf(bias, channels), Arrays.copyOf(multiplier, channels), s, lo, hi);
  }

  /** The rule itself, for golden models of the engines: exactly docs/numerics.md. */
  public int apply(int channel, int acc) {
    long r = Rounding.requant(acc + bias[channel], multiplier[channel], shift[channel]);
    return (int) Math.max(lo, Math.min(hi, r));
  }

  /** Channel {@code o}'s ROM entry: {bias, M, s - 1}, s - 1 in the low bits. */
  public BigInteger entry(int o) {
    return BIAS.place(bias[o]).or(MULTIPLIER.place(multiplier[o])).or(SHIFT_MINUS_ONE.place(shift[o] - 1));
  }

  public String contentHash() {
    return new ContentHash().ints(bias).ints(multiplier).ints(shift).ints(new int[] {lo, hi}).hex(12);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequantTable t && Arrays.equals(bias, t.bias) && Arrays.equals(multiplier, t.multiplier)
        && Arrays.equals(shift, t.shift) && lo == t.lo && hi == t.hi;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bias) * 31 + Arrays.hashCode(multiplier) * 17 + Arrays.hashCode(shift) + lo * 7 + hi;
  }

  @Override
  public String toString() {
    return "RequantTable[channels=" + channels() + ", lo=" + lo + ", hi=" + hi + ", content=" + contentHash() + "]";
  }
}
