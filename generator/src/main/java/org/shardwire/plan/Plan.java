package org.shardwire.plan;

import java.util.List;

/**
 * A network spread over boards: per board its engines with their foldings, the links between
 * consecutive boards (a pipeline) or one per exchanged stream (channel groups), the clock. The pipeline's II is its slowest stage (a board or a link);
 * frames per second and multiplier efficiency are derived from it.
 */
public record Plan(String model, Strategy strategy, String boardsSpec, double clockMhz, long macsPerFrame,
                   List<BoardPlan> boards, List<LinkPlan> links) {
  public Plan {
    boards = List.copyOf(boards);
    links = List.copyOf(links);
    if (boards.isEmpty()) {
      throw new IllegalArgumentException("a plan needs at least one board");
    }
    if (strategy == Strategy.PIPELINE && links.size() != boards.size() - 1) {
      throw new IllegalArgumentException("a pipeline of " + boards.size() + " boards has " + (boards.size() - 1)
          + " links, got " + links.size());
    }
    if (!(clockMhz > 0)) {
      throw new IllegalArgumentException("clock must be positive, got " + clockMhz);
    }
  }

  /** The pipeline's initiation interval: the slowest board or link, in cycles per frame. */
  public long cyclesPerFrame() {
    long c = 1;
    for (BoardPlan b : boards) {
      c = Math.max(c, b.cyclesPerFrame());
    }
    for (LinkPlan l : links) {
      c = Math.max(c, l.cycles());
    }
    return c;
  }

  public double estFps() {
    return clockMhz * 1e6 / cyclesPerFrame();
  }

  public int multipliers() {
    int m = 0;
    for (BoardPlan b : boards) {
      m += b.multipliers();
    }
    return m;
  }

  /** Useful MACs per cycle over all multiplier units used (requantizers included). */
  public double multiplierEfficiency() {
    return (double) macsPerFrame / cyclesPerFrame() / Math.max(1, multipliers());
  }

  /**
   * The share of the MAC slots in use that do a MAC each cycle: (MACs per frame / II) / MAC slots
   * ({@link EnginePlan#macSlots}: requantizers left out, packed DSPs counted twice). At most 1.
   */
  public double macSlotEfficiency() {
    long slots = 0;
    for (BoardPlan b : boards) {
      for (EnginePlan e : b.engines()) {
        slots += e.macSlots();
      }
    }
    return (double) macsPerFrame / cyclesPerFrame() / Math.max(1, slots);
  }
}
