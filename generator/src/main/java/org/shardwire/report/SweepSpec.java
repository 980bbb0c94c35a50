package org.shardwire.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter sweep: every combination of models x board lists x clocks x strategies x folding
 * caps, planned (and, with {@code simulate}, generated and simulated). Read from a small JSON
 * file (sweeps/*.json) or built from the sweep command's options. A board list may be a range of
 * one board's count, {@code mkubos-zu19eg:1..8}. An empty {@code clocks_mhz} means each board
 * list's default clock; a cap of 0 means no cap on multipliers per engine.
 */
public record SweepSpec(String name, List<String> models, String inputSize, List<String> boards,
    List<Double> clocksMhz, List<String> strategies, List<Integer> maxMultipliersPerEngine, boolean simulate,
    int frames) {
  private static final Pattern RANGE = Pattern.compile("([A-Za-z0-9_.-]+):(\\d+)\\.\\.(\\d+)");
  /** More points than this is a typo, not a study. */
  public static final int MAX_POINTS = 10_000;

  public SweepSpec {
    JsonFiles.required("name", name, "models", models, "boards", boards, "clocks_mhz", clocksMhz, "strategies",
        strategies, "max_multipliers_per_engine", maxMultipliersPerEngine);
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("'name' must be letters, digits, '-', '_' or '.', got '" + name + "'");
    }
    if (models.isEmpty() || boards.isEmpty()) {
      throw new IllegalArgumentException("'models' and 'boards' need at least one entry each");
    }
    if (frames < 1 || frames > 1000) {
      throw new IllegalArgumentException("'frames' must be in 1..1000, got " + frames);
    }
    for (Integer cap : maxMultipliersPerEngine) {
      if (cap == null || cap < 0) {
        throw new IllegalArgumentException("'max_multipliers_per_engine' entries must be 0 (no cap) or more, got "
            + cap);
      }
    }
    for (Double c : clocksMhz) {
      if (c == null || !(c > 0)) {
        throw new IllegalArgumentException("'clocks_mhz' entries must be positive, got " + c);
      }
    }
    models = List.copyOf(models);
    boards = List.copyOf(boards);
    clocksMhz = List.copyOf(clocksMhz);
    strategies = strategies.isEmpty() ? List.of("pipeline") : List.copyOf(strategies);
    maxMultipliersPerEngine = maxMultipliersPerEngine.isEmpty() ? List.of(0) : List.copyOf(maxMultipliersPerEngine);
    if ((long) models.size() * boardLists(boards).size() * Math.max(1, clocksMhz.size()) * strategies.size()
        * maxMultipliersPerEngine.size() > MAX_POINTS) {
      throw new IllegalArgumentException("more than " + MAX_POINTS + " points");
    }
  }

  /** One point of the sweep; {@code clockMhz} null means the boards' default, {@code cap} 0 means none. */
  public record Point(int index, String model, String boards, Double clockMhz, String strategy, int cap) {}

  /** The points in a fixed order: models, then board lists, clocks, strategies, caps. */
  public List<Point> points() {
    List<Point> out = new ArrayList<>();
    List<Double> clocks = clocksMhz.isEmpty() ? java.util.Collections.singletonList(null) : clocksMhz;
    for (String m : models) {
      for (String b : boardLists(boards)) {
        for (Double c : clocks) {
          for (String s : strategies) {
            for (int cap : maxMultipliersPerEngine) {
              out.add(new Point(out.size(), m, b, c, s, cap));
            }
          }
        }
      }
    }
    return out;
  }

  /** Board lists with ranges expanded: "zcu102:1..3" gives zcu102:1, zcu102:2, zcu102:3. */
  static List<String> boardLists(List<String> lists) {
    List<String> out = new ArrayList<>();
    for (String l : lists) {
      if (l == null || l.isBlank()) {
        throw new IllegalArgumentException("'boards' entries must be board lists such as zcu102:2, got '" + l + "'");
      }
      Matcher m = RANGE.matcher(l.trim());
      if (!m.matches()) {
        out.add(l.trim());
        continue;
      }
      int from = Integer.parseInt(m.group(2));
      int to = Integer.parseInt(m.group(3));
      if (from < 1 || to < from || to > 64) {
        throw new IllegalArgumentException("board range '" + l + "' must be ID:A..B with 1 <= A <= B <= 64");
      }
      for (int n = from; n <= to; n++) {
        out.add(m.group(1) + ":" + n);
      }
    }
    return out;
  }

  /** Reads a sweep file; errors name the file and the key (exit 2). */
  public static SweepSpec read(Path file) {
    return JsonFiles.read(file, SweepSpec.class);
  }
}
