package org.shardwire.blocks.engines;

import org.shardwire.hdl.RamStyle;

/** A memory inside an engine, for the cost model's block counts. */
public record MemorySpec(String name, int width, int depth, RamStyle style) {
  public MemorySpec {
    if (width < 1 || depth < 1) {
      throw new IllegalArgumentException("memory " + name + " must be at least 1 x 1, got " + width + " x " + depth);
    }
  }

  public long bits() {
    return (long) width * depth;
  }
}
