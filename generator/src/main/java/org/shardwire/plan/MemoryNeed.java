package org.shardwire.plan;

/** An on-chip memory an engine needs, before it is placed in a kind of block. */
public record MemoryNeed(String name, int width, int depth) {
  public MemoryNeed {
    if (width < 1 || depth < 1) {
      throw new IllegalArgumentException("memory " + name + " must be at least 1 x 1, got " + width + " x " + depth);
    }
  }

  public long bits() {
    return (long) width * depth;
  }

  /**
   * Mixes width and depth with large odd multipliers: the record's own hash (31 x width + depth per
   * name) gives many weight memories of one name the same hash, and the allocator's cache, keyed
   * by memory, then searched long collision chains (JFR: HashMap tree bins in a ResNet-50 plan).
   */
  @Override
  public int hashCode() {
    int h = name.hashCode() * 0x9E3779B9 + width;
    h = h * 0x85EBCA6B + depth;
    return h ^ (h >>> 15);
  }
}
