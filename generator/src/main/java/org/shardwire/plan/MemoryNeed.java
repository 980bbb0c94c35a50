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
}
