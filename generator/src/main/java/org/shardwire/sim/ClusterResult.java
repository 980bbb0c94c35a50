package org.shardwire.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster run as the harness reported it: pass/fail and mismatches (as {@link SimResult}),
 * the cycle of every frame entering board 0 and leaving every checked stream, the final status
 * counters, and per-link channel counts.
 */
public record ClusterResult(SimResult result, List<Long> frameStarts, Map<String, List<Long>> frameEnds,
    Map<String, long[]> channels) {

  private static final Pattern START = Pattern.compile("^FRAME_START frame=(\\d+) cycle=(\\d+)$");
  private static final Pattern END = Pattern.compile("^FRAME_END port=(\\S+) frame=(\\d+) cycle=(\\d+)$");
  private static final Pattern CHANNEL =
      Pattern.compile("^CHANNEL link=(\\d+) lane=(\\w+) carried=(\\d+) corrupted=(\\d+) idle_corrupted=(\\d+)$");

  static ClusterResult parse(int exitCode, String log) {
    List<Long> starts = new ArrayList<>();
    Map<String, List<Long>> ends = new LinkedHashMap<>();
    Map<String, long[]> channels = new LinkedHashMap<>();
    for (String line : log.split("\n")) {
      Matcher s = START.matcher(line);
      Matcher e = END.matcher(line);
      Matcher c = CHANNEL.matcher(line);
      if (s.matches()) {
        starts.add(Long.parseLong(s.group(2)));
      } else if (e.matches()) {
        ends.computeIfAbsent(e.group(1), k -> new ArrayList<>()).add(Long.parseLong(e.group(3)));
      } else if (c.matches()) {
        channels.put("link" + c.group(1) + "." + c.group(2),
            new long[] {Long.parseLong(c.group(3)), Long.parseLong(c.group(4)), Long.parseLong(c.group(5))});
      }
    }
    return new ClusterResult(SimResult.parse(exitCode, log), starts, ends, channels);
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
    if (starts().isEmpty() || ends.isEmpty()) {
      return -1;
    }
    return ends.get(0) - starts().get(0);
  }

  private List<Long> starts() {
    return frameStarts;
  }

  private static double spacing(List<Long> ends) {
    if (ends.size() < 2) {
      return Double.NaN;
    }
    return (double) (ends.get(ends.size() - 1) - ends.get(0)) / (ends.size() - 1);
  }
}
