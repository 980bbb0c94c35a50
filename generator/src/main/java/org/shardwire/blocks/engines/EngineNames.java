package org.shardwire.blocks.engines;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

  /** {@code h} and 8 hex digits of SHA-256 over the text of the parts. */
  public static String hash(Object... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Object p : parts) {
        md.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return "h" + HexFormat.of().formatHex(md.digest()).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
