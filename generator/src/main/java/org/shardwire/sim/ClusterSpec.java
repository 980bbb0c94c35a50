package org.shardwire.sim;

/**
 * How a cluster harness run treats the boards: channel and back-pressure settings, a cycle
 * budget and the seed of every random choice. The harness itself is fixed at generation time.
 *
 * @param latencyCycles channel latency of every lane, in cycles (at least 1)
 * @param bitErrorRate chance that a lane word is corrupted (0 for a clean channel)
 * @param inputGapPercent chance (0..90) the image source idles in a cycle
 * @param outputStallPercent chance (0..90) the score sink refuses a beat in a cycle
 */
public record ClusterSpec(int latencyCycles, double bitErrorRate, int inputGapPercent, int outputStallPercent,
    long maxCycles, long seed) {
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
  }
}
