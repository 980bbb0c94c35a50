package org.shardwire.blocks.engines.conv;

import java.util.Arrays;
import org.shardwire.blocks.engines.ContentHash;

/**
 * The int8 weights of a conv engine, copied once when made and never changed, so the configs of
 * every folding the planner weighs share one copy (ResNet-50 has 25 M weights; costing a folding
 * must not copy or pack them). Packing into memory words happens only when hardware is built.
 */
public final class ConvWeights {
  private final byte[] data;
  private final int hash;

  private ConvWeights(byte[] data) {
    this.data = data;
    this.hash = Arrays.hashCode(data);
  }

  public static ConvWeights copyOf(byte[] data) {
    return new ConvWeights(data.clone());
  }

  public int length() {
    return data.length;
  }

  public byte get(int i) {
    return data[i];
  }

  /** A copy of every weight, in the order given. */
  public byte[] toArray() {
    return data.clone();
  }

  /**
   * Feeds the weights' own digest, computed once: every folding the planner weighs names its
   * engine by content, and hashing ResNet-50's 25 M weights again for each was the planner's
   * largest cost.
   */
  void hashInto(ContentHash h) {
    h.text(digest());
  }

  private volatile String digest;

  private String digest() {
    String d = digest;
    if (d == null) {
      d = new ContentHash().bytes(data).hex(64);
      digest = d;
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvWeights w && hash == w.hash && Arrays.equals(data, w.data);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ConvWeights[" + data.length + " weights]";
  }
}
