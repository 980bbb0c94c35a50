package org.shardwire.blocks.engines;

/**
 * The register stages of the requantizer ({@link EngineModule#requantize}): {@code product}
 * registers after the 32 x 31-bit multiply (2 let a DSP cascade pipeline it), {@code shift}
 * registers splitting the variable shift's mux levels, then the rounded (and optionally clamped)
 * result register. The latency is their sum.
 */
public record RequantStages(int product, int shift) {
  /** Inside a streaming engine's pipeline: the product, then shift, round and clamp in one stage. */
  public static final RequantStages COMPACT = new RequantStages(1, 0);
  /** A conv engine's output stage, whose shifts vary per channel: 5 stages at full clock rate. */
  public static final RequantStages PIPELINED = new RequantStages(2, 2);

  public RequantStages {
    if (product < 1 || product > 2 || shift < 0 || shift > 2) {
      throw new IllegalArgumentException("requantizer stages: product 1..2 and shift 0..2 registers, got " + product
          + " and " + shift);
    }
  }

  /** Enabled cycles from the value to the result. */
  public int latency() {
    return product + shift + 1;
  }
}
