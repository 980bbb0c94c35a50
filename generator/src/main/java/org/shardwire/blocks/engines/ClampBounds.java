package org.shardwire.blocks.engines;

/** The int8 clamp of a fused or standalone activation, {@code clamp(v, lo, hi)} (docs/numerics.md). */
public record ClampBounds(int lo, int hi) {
  /** No activation: the whole int8 range. */
  public static final ClampBounds FULL = new ClampBounds(-128, 127);

  public ClampBounds {
    if (lo < -128 || hi > 127 || lo > hi) {
      throw new IllegalArgumentException("clamp bounds must satisfy -128 <= lo <= hi <= 127, got lo " + lo
          + ", hi " + hi);
    }
  }

  public int apply(int v) {
    return v < lo ? lo : (v > hi ? hi : v);
  }

  /** For module names: {@code lo0_hi127}, {@code lom128_hi127}. */
  public String label() {
    return "lo" + EngineNames.signed(lo) + "_hi" + EngineNames.signed(hi);
  }
}
