package org.shardwire.plan;

import java.util.List;
import java.util.Locale;

/**
 * The fewest cycles per frame a plan's structure allows, counting only each engine's MAC work
 * against the multipliers of the board that holds it: what no folding can beat, whatever memory,
 * logic and DDR allow. {@code where} says what sets it: a board's share of the work (in
 * multiplier-cycles a frame, over all its multipliers), an engine already at its fastest folding,
 * or a link.
 *
 * <p>An engine's work is the least multiplier-cycles a frame of its cost options
 * ({@link EngineCost#multiplierCycles}): its MACs with one MAC per multiplier, half of them where
 * DSP48E2s pack two, more where a padded fold wastes lanes. A board whose engines each take c_i
 * cycles on m_i multipliers has an II of at least every c_i, and sum m_i x II >= sum m_i x c_i >=
 * the sum of their least work, with sum m_i at most the board's multipliers; hence the bound. For
 * a pipeline the planner takes the split of the legal cuts that minimises it, so the figure says
 * how fast any plan over those cuts could go (docs/planner.md, "The MAC bound").
 */
public record MacBound(long cycles, String where) implements Bound {
  public MacBound {
    if (cycles < 1 || where == null || where.isBlank()) {
      throw new IllegalArgumentException("a MAC bound needs cycles >= 1 and what sets them, got " + cycles + ", "
          + where);
    }
  }

  /** The least multiplier-cycles a frame among an engine's cost options (0 for an engine without MACs). */
  static long work(List<EngineCost> options) {
    return options.stream().mapToLong(EngineCost::multiplierCycles).min().orElse(0);
  }

  /** The bound's cycles for one board holding engines with {@code options}, on {@code multipliers} multipliers. */
  static long cycles(List<List<EngineCost>> options, int multipliers) {
    return Math.max(fastest(options), share(totalWork(options), multipliers));
  }

  /**
   * The bound of one board holding engines with {@code options} ({@code nodes} their names), on
   * {@code multipliers} multipliers; {@code board} names it (e.g. "board #0 (conv1.relu..fc)").
   */
  static MacBound ofBoard(String board, List<String> nodes, List<List<EngineCost>> options, int multipliers) {
    long work = totalWork(options);
    long share = share(work, multipliers);
    long fastest = fastest(options);
    if (fastest > share) {
      int slowest = 0;
      for (int i = 0; i < options.size(); i++) {
        slowest = leastCycles(options.get(i)) == fastest ? i : slowest;
      }
      return new MacBound(fastest, board + ": " + nodes.get(slowest) + " at its fastest folding");
    }
    return new MacBound(share, board + ": " + String.format(Locale.ROOT, "%,d multiplier-cycles a frame on %,d "
        + "multipliers", work, multipliers));
  }

  /** The engines' least work, summed. */
  private static long totalWork(List<List<EngineCost>> options) {
    return options.stream().mapToLong(MacBound::work).sum();
  }

  /** {@code work} spread over every multiplier, rounded up. */
  private static long share(long work, int multipliers) {
    return (work + multipliers - 1) / Math.max(1, multipliers);
  }

  /** The slowest engine at its fastest folding (at least 1: a wire takes none). */
  private static long fastest(List<List<EngineCost>> options) {
    return Math.max(1, options.stream().mapToLong(MacBound::leastCycles).max().orElse(1));
  }

  private static long leastCycles(List<EngineCost> options) {
    return options.stream().mapToLong(EngineCost::cycles).min().orElse(1);
  }
}
