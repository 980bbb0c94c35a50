package org.shardwire.sim;

/**
 * How the simulated DDR behind an AXI4 read port behaves (sim/shardwire_axi.h): latency from an
 * accepted read request to its first data beat, drawn per burst from {@code latencyMin ..
 * latencyMax} cycles; sustained bandwidth in bytes per cycle (0: a beat every cycle); seeded
 * random gaps on R and stalls on AR; the bursts it accepts before the first has returned.
 */
public record DdrModel(int latencyMin, int latencyMax, double bytesPerCycle, int rGapPercent, int arStallPercent,
    int maxOutstanding) {
  public DdrModel {
    if (latencyMin < 1 || latencyMax < latencyMin) {
      throw new IllegalArgumentException("DDR latency must be at least 1 cycle and min <= max; got " + latencyMin
          + ".." + latencyMax);
    }
    if (!(bytesPerCycle >= 0) || Double.isInfinite(bytesPerCycle)) {
      throw new IllegalArgumentException("DDR bandwidth must be a finite number of bytes per cycle >= 0; got "
          + bytesPerCycle);
    }
    if (rGapPercent < 0 || rGapPercent > 90 || arStallPercent < 0 || arStallPercent > 90) {
      throw new IllegalArgumentException("DDR gap percentages must be in 0..90; got R " + rGapPercent + ", AR "
          + arStallPercent);
    }
    if (maxOutstanding < 1) {
      throw new IllegalArgumentException("DDR must accept at least one outstanding burst; got " + maxOutstanding);
    }
  }

  /**
   * A catalog bank as the simulation sees it at a fabric clock: its usable bytes per cycle
   * ({@link org.shardwire.boards.DdrBank#usableBytesPerCycle}), the given latency range, no random gaps.
   */
  public static DdrModel of(org.shardwire.boards.DdrBank bank, double clockMhz, int latencyMin, int latencyMax) {
    return new DdrModel(latencyMin, latencyMax, bank.usableBytesPerCycle(clockMhz), 0, 0, 16);
  }

  /** A fixed latency, a beat every cycle, no random gaps. */
  public static DdrModel ideal(int latency) {
    return new DdrModel(latency, latency, 0, 0, 0, 16);
  }
}
