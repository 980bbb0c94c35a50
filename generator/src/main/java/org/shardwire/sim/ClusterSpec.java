package org.shardwire.sim;

/**
 * How a cluster harness run treats the boards: channel and back-pressure settings, a cycle
 * budget and the seed of every random choice. The harness itself is fixed at generation time.
 *
 * @param latencyCycles channel latency of every lane, in cycles (at least 1)
 * @param bitErrorRate chance that a lane word is corrupted (0 for a clean channel)
 * @param inputGapPercent chance (0..90) the image source idles in a cycle
 * @param outputStallPercent chance (0..90) the score sink refuses a beat in a cycle
 * @param deadlockCycles how long no board may take or emit a word, with frames outstanding, before
 *     the harness stops and reports a deadlock: longer than any quiet stretch the boards have when
 *     they work (a board whose engines keep whole frames is quiet for millions of cycles at seed
 *     scale; see {@link #DEFAULT_DEADLOCK_CYCLES})
 */
public record ClusterSpec(int latencyCycles, double bitErrorRate, int inputGapPercent, int outputStallPercent,
    long maxCycles, long seed, long deadlockCycles) {
  /** The harness driver's own default window, enough for every design but a seed-scale one. */
  public static final long DEFAULT_DEADLOCK_CYCLES = 1_000_000;

  /** A run with the driver's default deadlock window. */
  public ClusterSpec(int latencyCycles, double bitErrorRate, int inputGapPercent, int outputStallPercent,
      long maxCycles, long seed) {
    this(latencyCycles, bitErrorRate, inputGapPercent, outputStallPercent, maxCycles, seed, DEFAULT_DEADLOCK_CYCLES);
  }

  /** The same run with another deadlock window. */
  public ClusterSpec withDeadlockCycles(long cycles) {
    return new ClusterSpec(latencyCycles, bitErrorRate, inputGapPercent, outputStallPercent, maxCycles, seed, cycles);
  }

  public ClusterSpec {
    if (latencyCycles < 1 || latencyCycles > 1_000_000) {
      throw new IllegalArgumentException("link latency must be in 1..1000000 cycles, got " + latencyCycles);
    }
    if (!(bitErrorRate >= 0 && bitErrorRate <= 0.01)) {
      throw new IllegalArgumentException("bit error rate (per lane word) must be in 0..0.01, got " + bitErrorRate);
    }
    if (inputGapPercent < 0 || inputGapPercent > 90 || outputStallPercent < 0 || outputStallPercent > 90) {
      throw new IllegalArgumentException("back-pressure percentages must be in 0..90, got gap " + inputGapPercent
          + ", stall " + outputStallPercent);
    }
    if (maxCycles < 1) {
      throw new IllegalArgumentException("max cycles must be positive, got " + maxCycles);
    }
    if (deadlockCycles < 1) {
      throw new IllegalArgumentException("deadlock window must be positive, got " + deadlockCycles);
    }
  }
}
