package org.shardwire.plan;

/** One engine memory as planned: its shape, where it goes and what it takes there. */
public record MemoryPlan(String name, int width, int depth, MemoryPlacement placement, double blocks, long luts) {
  public MemoryPlan {
    if (width < 1 || depth < 1 || blocks < 0 || luts < 0) {
      throw new IllegalArgumentException("memory " + name + ": bad plan " + width + " x " + depth);
    }
  }
}
