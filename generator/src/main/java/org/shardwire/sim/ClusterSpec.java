package org.shardwire.sim;

import java.util.List;
import org.shardwire.hdl.EmittedDesign;

/**
 * A cluster to simulate: every board's emitted top (in pipeline order) and how the harness
 * treats it.
 *
 * @param latencyCycles channel latency of every lane, in cycles (at least 1)
 * @param bitErrorRate chance that a lane word is corrupted (0 for a clean channel)
 * @param inputGapPercent chance (0..90) the image source idles in a cycle
 * @param outputStallPercent chance (0..90) the score sink refuses a beat in a cycle
 */
public record ClusterSpec(List<EmittedDesign> boards, int latencyCycles, double bitErrorRate, int inputGapPercent,
    int outputStallPercent, long maxCycles, int frames) {
  public ClusterSpec {
    boards = List.copyOf(boards);
    if (boards.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one board");
    }
    if (latencyCycles < 1 || latencyCycles > 1_000_000) {
      throw new IllegalArgumentException("link latency must be in 1..1000000 cycles, got " + latencyCycles);
    }
    if (!(bitErrorRate >= 0 && bitErrorRate <= 0.01)) {
      throw new IllegalArgumentException("bit error rate (per lane word) must be in 0..0.01, got " + bitErrorRate);
    }
    if (inputGapPercent < 0 || inputGapPercent > 90 || outputStallPercent < 0 || outputStallPercent > 90) {
      throw new IllegalArgumentException("back-pressure percentages must be in 0..90");
    }
    if (frames < 1) {
      throw new IllegalArgumentException("frames must be at least 1, got " + frames);
    }
  }
}
