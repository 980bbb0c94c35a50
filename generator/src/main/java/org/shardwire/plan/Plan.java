package org.shardwire.plan;

import java.util.List;

/**
 * A network spread over boards: per board its engines with their foldings, the links between
 * consecutive boards (a pipeline) or one per exchanged stream (channel groups), the clock. The pipeline's II is its slowest stage (a board or a link);
 * frames per second and multiplier efficiency are derived from it.
 *
 * <p>{@code stages} is the structure: pipeline stages in order, each one board (a pipeline) or a
 * group of boards splitting its layers by channel groups. {@code laneLatencyCycles} is the lane
 * latency the exchange FIFOs of channel groups were sized for (0 for a pipeline, which has none).
 * {@code macBound} is the fewest cycles per frame the structure allows counting only MACs against
 * multipliers ({@link MacBound}); {@code foldBound} the fewest any choice among the foldings on
 * offer allows, counting their steps, memory and DDR ({@link FoldBound}); each null when not known.
 */
public record Plan(String model, Strategy strategy, String boardsSpec, double clockMhz, long macsPerFrame,
                   List<BoardPlan> boards, List<LinkPlan> links, List<Stage> stages, int laneLatencyCycles,
                   MacBound macBound, FoldBound foldBound) {
  public Plan {
    boards = List.copyOf(boards);
    links = List.copyOf(links);
    stages = List.copyOf(stages);
    if (boards.isEmpty()) {
      throw new IllegalArgumentException("a plan needs at least one board");
    }
    int next = 0;
    for (Stage s : stages) {
      if (s.boards().get(0) != next) {
        throw new IllegalArgumentException("stages must cover boards 0.." + (boards.size() - 1) + " in order, got "
            + stages);
      }
      next += s.size();
    }
    if (next != boards.size()) {
      throw new IllegalArgumentException("stages must cover boards 0.." + (boards.size() - 1) + ", got " + stages);
    }
    if (strategy == Strategy.AUTO) {
      throw new IllegalArgumentException("auto is what the planner is asked for, not a plan's strategy");
    }
    if (strategy == Strategy.PIPELINE && stages.size() != boards.size()) {
      throw new IllegalArgumentException("a pipeline has one board per stage, got " + stages);
    }
    if (laneLatencyCycles < 0) {
      throw new IllegalArgumentException("lane latency must be 0 or more, got " + laneLatencyCycles);
    }
    if (strategy == Strategy.PIPELINE && !pipelineLinks(links, boards.size())) {
      throw new IllegalArgumentException("a pipeline of " + boards.size() + " boards has one or two links from each"
          + " board to the next, in board order; got " + links.stream().map(l -> l.from() + "->" + l.to()).toList());
    }
    if (!(clockMhz > 0)) {
      throw new IllegalArgumentException("clock must be positive, got " + clockMhz);
    }
  }

  /**
   * Whether {@code links} are a pipeline's: from every board but the last to the next, one link per
   * tensor of the cut (one, or two inside a block), grouped by board in board order.
   */
  private static boolean pipelineLinks(List<LinkPlan> links, int boards) {
    int[] count = new int[Math.max(boards, 1)];
    int last = 0;
    for (LinkPlan l : links) {
      if (l.to() != l.from() + 1 || l.to() >= boards || l.from() < last) {
        return false;
      }
      last = l.from();
      count[l.from()]++;
    }
    for (int k = 0; k + 1 < boards; k++) {
      if (count[k] < 1 || count[k] > GraphCuts.PIPELINE_CROSSING) {
        return false;
      }
    }
    return true;
  }

  /** A plan whose bounds are not known. */
  public Plan(String model, Strategy strategy, String boardsSpec, double clockMhz, long macsPerFrame,
      List<BoardPlan> boards, List<LinkPlan> links, List<Stage> stages, int laneLatencyCycles) {
    this(model, strategy, boardsSpec, clockMhz, macsPerFrame, boards, links, stages, laneLatencyCycles, null, null);
  }

  /** A pipeline: one board per stage, stage k starting at board k's first layer. */
  public Plan(String model, Strategy strategy, String boardsSpec, double clockMhz, long macsPerFrame,
      List<BoardPlan> boards, List<LinkPlan> links) {
    this(model, strategy, boardsSpec, clockMhz, macsPerFrame, boards, links, pipelineStages(boards), 0);
  }

  /** The same plan with its MAC bound. */
  public Plan withMacBound(MacBound bound) {
    return new Plan(model, strategy, boardsSpec, clockMhz, macsPerFrame, boards, links, stages, laneLatencyCycles,
        bound, foldBound);
  }

  /** The same plan with its fold bound. */
  public Plan withFoldBound(FoldBound bound) {
    return new Plan(model, strategy, boardsSpec, clockMhz, macsPerFrame, boards, links, stages, laneLatencyCycles,
        macBound, bound);
  }

  private static List<Stage> pipelineStages(List<BoardPlan> boards) {
    return boards.stream().map(b -> new Stage(List.of(b.index()), b.engines().get(0).node())).toList();
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
    return framesPerSecond(cyclesPerFrame());
  }

  /** Frames per second at this plan's clock for an II of {@code cyclesPerFrame} (e.g. its MAC bound's). */
  public double framesPerSecond(long cyclesPerFrame) {
    return clockMhz * 1e6 / cyclesPerFrame;
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
