package org.shardwire.blocks.engines;

/**
 * Pieces of module names. Structural parameters are spelled out; constants that would make a
 * name unreadable (requantizer multipliers, permutations) enter as a short stable hash, so two
 * engines get the same module name exactly when their hardware is the same.
 */
public final class EngineNames {
  private EngineNames() {}

  /** A signed number as a Verilog-identifier fragment: -128 becomes {@code m128}. */
  public static String signed(long v) {
    return v < 0 ? "m" + (-v) : Long.toString(v);
  }

  /** {@code h} and 8 hex digits of a {@link ContentHash} over the text of the parts. */
  public static String hash(Object... parts) {
    ContentHash h = new ContentHash();
    for (Object p : parts) {
      h.text(String.valueOf(p));
    }
    return "h" + h.hex(8);
  }
}
