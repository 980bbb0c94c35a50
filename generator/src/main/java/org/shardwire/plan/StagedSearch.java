package org.shardwire.plan;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.boards.BoardList;
import org.shardwire.quant.QuantizedGraph;

/**
 * Mixed plans and the automatic choice of strategy (docs/channel-groups.md "Mixed plans and
 * auto"). A mixed plan is two pipeline stages of consecutive boards, at least one of them a group
 * of boards splitting its layers by channel groups (4 boards as 2 stages x 2 channel groups, or 1
 * board then 3), cut where exactly one tensor crosses ({@link GraphCuts}); every such layout and
 * cut is estimated by {@link ChannelGroupPlanner#estimate} and the lowest II wins. {@code auto}
 * compares the best pipeline, channel groups over all boards and the best mixed plan by
 * estimated II; on a tie the simpler structure wins (pipeline, then channel groups, then mixed:
 * fewer links and exchanges).
 */
public final class StagedSearch {
  private StagedSearch() {}

  /** A mixed layout and its estimated II. */
  private record Candidate(List<Stage> stages, long cycles) {}

  /** The mixed plan with the lowest estimated II; none possible throws {@link PlanException} saying why. */
  static Plan mixed(QuantizedGraph q, BoardList boards, PlanOptions options, int laneLatencyCycles) {
    if (boards.size() < 3) {
      throw new PlanException("a mixed plan needs at least 3 boards (pipeline stages, one of several boards), got "
          + boards.size() + " (" + boards.spec() + "): use --strategy pipeline or channel-group");
    }
    List<String> why = new ArrayList<>();
    Candidate best = bestMixed(q, boards, options, laneLatencyCycles, why);
    if (best == null) {
      throw new PlanException(q.graph().name() + " has no mixed plan on " + boards.spec() + ": "
          + (why.isEmpty() ? "it has no place where exactly one tensor crosses" : String.join("; ", why)));
    }
    return ChannelGroupPlanner.plan(q, boards, options, laneLatencyCycles, best.stages());
  }

  /** The pipeline, channel-group or mixed plan with the lowest estimated II. */
  static Plan auto(QuantizedGraph q, BoardList boards, PlanOptions options, int laneLatencyCycles) {
    List<String> why = new ArrayList<>();
    Plan best = null;
    try {
      best = Planner.plan(q, boards, options);
    } catch (PlanException e) {
      why.add("pipeline: " + firstLine(e));
    }
    if (boards.size() >= 2) {
      try {
        Plan cg = ChannelGroupPlanner.plan(q, boards, options, laneLatencyCycles);
        if (best == null || cg.cyclesPerFrame() < best.cyclesPerFrame()) {
          best = cg;
        }
      } catch (PlanException e) {
        why.add("channel-group: " + firstLine(e));
      }
      List<String> mixedWhy = new ArrayList<>();
      Candidate m = bestMixed(q, boards, options, laneLatencyCycles, mixedWhy);
      if (m != null && (best == null || m.cycles() < best.cyclesPerFrame())) {
        best = ChannelGroupPlanner.plan(q, boards, options, laneLatencyCycles, m.stages());
      } else if (m == null && best == null) {
        why.add("mixed: " + (mixedWhy.isEmpty() ? "no layout" : mixedWhy.get(0)));
      }
    }
    if (best == null) {
      throw new PlanException(q.graph().name() + " cannot be planned on " + boards.spec() + " by any strategy:\n  "
          + String.join("\n  ", why));
    }
    return best;
  }

  /**
   * Every two-stage layout of the boards with a stage of several boards, at every cut; null when
   * none can be split and fit ({@code why} gets the first reason of each layout).
   */
  private static Candidate bestMixed(QuantizedGraph q, BoardList boards, PlanOptions options, int laneLatency,
      List<String> why) {
    int n = boards.size();
    GraphCuts cuts = GraphCuts.of(q.graph());
    List<EngineSpec> specs = EngineSpecs.of(q);
    Candidate best = null;
    for (int a = 1; a < n; a++) {
      if (Math.max(a, n - a) < 2) {
        continue; // two single boards: a pipeline
      }
      String first = null;
      for (int b = 1; b < cuts.blockCount(); b++) {
        List<Stage> stages = List.of(new Stage(range(0, a), specs.get(0).node()),
            new Stage(range(a, n), specs.get(cuts.blockStart(b)).node()));
        try {
          long ii = ChannelGroupPlanner.estimate(q, boards, options, laneLatency, stages);
          if (best == null || ii < best.cycles()) {
            best = new Candidate(stages, ii);
          }
        } catch (PlanException e) {
          if (first == null) {
            first = a + " + " + (n - a) + " boards: " + firstLine(e);
          }
        }
      }
      if (first != null) {
        why.add(first);
      }
    }
    return best;
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(i);
    }
    return l;
  }

  private static String firstLine(PlanException e) {
    return e.getMessage().lines().findFirst().orElse("");
  }
}
