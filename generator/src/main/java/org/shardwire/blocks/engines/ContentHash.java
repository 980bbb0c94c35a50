package org.shardwire.blocks.engines;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over an engine's contents (weights, parameters), for module names: two layers with the
 * same shape but different weights must never share a Verilog module name.
 */
public final class ContentHash {
  private final MessageDigest md;

  public ContentHash() {
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public ContentHash text(String s) {
    md.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    md.update((byte) 0);
    return this;
  }

  public ContentHash bytes(byte[] b) {
    md.update(ByteBuffer.allocate(4).putInt(b.length).array());
    md.update(b);
    return this;
  }

  public ContentHash ints(int[] v) {
    ByteBuffer buf = ByteBuffer.allocate(4 + 4 * v.length);
    buf.putInt(v.length);
    for (int x : v) {
      buf.putInt(x);
    }
    md.update(buf.array());
    return this;
  }

  /** The first {@code hexDigits} hex digits of the digest (ends this hash). */
  public String hex(int hexDigits) {
    return HexFormat.of().formatHex(md.digest()).substring(0, hexDigits);
  }
}
