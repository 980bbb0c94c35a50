package org.shardwire.sim;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster run as the harness reported it in its results file: pass/fail and mismatches (as
 * {@link SimResult}), the cycle of every frame entering board 0 and leaving every checked
 * stream, the final status counters, and per-link channel counts.
 *
 * @param channels by "link<k>.<lane>": words carried and words corrupted
 */
public record ClusterResult(SimResult result, List<Long> frameStarts, Map<String, List<Long>> frameEnds,
    Map<String, long[]> channels) {

  static ClusterResult read(int exitCode, String log, Path runDir) {
    SimResult s = SimResult.read(exitCode, log, runDir);
    HarnessReport r = s.report();
    Map<String, List<Long>> ends = new LinkedHashMap<>();
    Map<String, long[]> channels = new LinkedHashMap<>();
    if (r == null) {
      return new ClusterResult(s, List.of(), ends, channels);
    }
    for (HarnessReport.Port p : r.ports()) {
      ends.put(p.name(), p.frameEnds());
    }
    for (HarnessReport.Channel c : r.channels()) {
      channels.put("link" + c.link() + "." + c.lane(), new long[] {c.carried(), c.corrupted(), c.idleCorrupted()});
    }
    return new ClusterResult(s, r.frameStarts(), ends, channels);
  }

  public boolean passed() {
    return result.passed();
  }

  /**
   * Steady-state initiation interval at the scores: the mean spacing of frame ends after the
   * first (which carries the pipeline's fill). Needs at least two frames.
   */
  public double cyclesPerFrame() {
    return spacing(frameEnds.getOrDefault("scores", List.of()));
  }

  /** The same for a cut stream ("board0.out", ...). */
  public double cyclesPerFrame(String stream) {
    return spacing(frameEnds.getOrDefault(stream, List.of()));
  }

  /** Cycles from frame 0's first image word to its last score word. */
  public long latencyCycles() {
    List<Long> ends = frameEnds.getOrDefault("scores", List.of());
    if (frameStarts.isEmpty() || ends.isEmpty()) {
      return -1;
    }
    return ends.get(0) - frameStarts.get(0);
  }

  private static double spacing(List<Long> ends) {
    if (ends.size() < 2) {
      return Double.NaN;
    }
    return (double) (ends.get(ends.size() - 1) - ends.get(0)) / (ends.size() - 1);
  }
}
