package org.shardwire.plan;

import java.util.List;

/**
 * The cost of one engine at one folding, as its engine config states it: {@code cycles} is the
 * engine's II (never starved or stalled), {@code luts} the logic estimate without memories in
 * LUTs, whatever the vendor (the board folder converts it to ALMs on Intel; memories placed in LUT
 * RAM are counted by the allocator), {@code ddrBytesPerFrame} what it
 * reads from board DDR per frame (0 with its weights on chip).
 */
public record EngineCost(Folding folding, long cycles, int macMultipliers, int requantizers,
                         List<MemoryNeed> memories, long luts, long ddrBytesPerFrame) {
  /** A requantizer (32 x 31-bit product) takes this many catalogue multiplier units. */
  public static final int UNITS_PER_REQUANTIZER = 4;

  public EngineCost {
    memories = List.copyOf(memories);
  }

  /** An engine that reads nothing from DDR. */
  public EngineCost(Folding folding, long cycles, int macMultipliers, int requantizers, List<MemoryNeed> memories,
      long luts) {
    this(folding, cycles, macMultipliers, requantizers, memories, luts, 0);
  }

  /** Multiplier units: one per int8 MAC, four per requantizer. */
  public int multipliers() {
    return macMultipliers + UNITS_PER_REQUANTIZER * requantizers;
  }
}
