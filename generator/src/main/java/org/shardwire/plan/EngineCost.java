package org.shardwire.plan;

import java.util.List;

/**
 * The cost of one engine at one folding on a board of one vendor, as its engine config states
 * it: {@code cycles} is the engine's II (never starved or stalled), {@code luts} the logic
 * estimate without memories in LUTs, whatever the vendor (the board folder converts it to ALMs on
 * Intel; memories placed in LUT RAM are counted by the allocator), {@code requantizerUnits} the
 * multiplier units its requantizer products take on the vendor's blocks
 * ({@link org.shardwire.blocks.engines.RequantProduct#units}), {@code ddrBytesPerFrame} what it
 * reads from board DDR per frame (0 with its weights on chip).
 */
public record EngineCost(Folding folding, long cycles, int macMultipliers, int requantizers, int requantizerUnits,
                         List<MemoryNeed> memories, long luts, long ddrBytesPerFrame) {
  public EngineCost {
    memories = List.copyOf(memories);
  }

  /** Multiplier units: the MACs' and the requantizers'. */
  public int multipliers() {
    return macMultipliers + requantizerUnits;
  }

  /**
   * The engine's MAC work a frame in multiplier-cycles: its MAC multipliers for its cycles (its
   * MACs at one MAC per multiplier, half where two pack into a DSP48E2; more where lanes idle).
   */
  public long multiplierCycles() {
    return (long) macMultipliers * cycles;
  }
}
