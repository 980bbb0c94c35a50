package org.shardwire.plan;

import java.util.List;

/**
 * One layer's engine as planned: its folding (what the emitter builds), its II and resources.
 * {@code luts} is logic without memories, in the board's unit (LUTs, or ALMs on Intel:
 * {@link org.shardwire.blocks.engines.LogicEstimate#inLogicUnits}); {@link #lutsTotal()} adds
 * memories placed in LUT RAM;
 * {@code ddrBytesPerFrame} is what its weights read from board DDR per frame (0 on chip).
 */
public record EnginePlan(String node, String op, EngineKind engine, Folding folding, long cycles, int macMultipliers,
                         int requantizers, int requantizerUnits, long luts, List<MemoryPlan> memories,
                         long ddrBytesPerFrame) {
  public EnginePlan {
    memories = List.copyOf(memories);
    if (cycles < 0 || macMultipliers < 0 || requantizers < 0 || requantizerUnits < 0 || luts < 0
        || ddrBytesPerFrame < 0) {
      throw new IllegalArgumentException("engine " + node + ": negative cost");
    }
  }

  /** MACs the engine can do per cycle: its MAC multipliers, two per DSP where they are packed. */
  public int macSlots() {
    return folding instanceof Folding.PeSimd p && p.packed() ? 2 * macMultipliers : macMultipliers;
  }

  /** Multiplier units: the MACs' and the requantizers' (on the board's vendor, {@link EngineCost}). */
  public int multipliers() {
    return macMultipliers + requantizerUnits;
  }

  public long lutsTotal() {
    long l = luts;
    for (MemoryPlan m : memories) {
      l += m.luts();
    }
    return l;
  }
}
