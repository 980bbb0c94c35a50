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
 * cut is estimated by {@link ChannelGroupPlanner#estimate} and the lowest II wins (on a tie: stages
 * of equal size first, then the cut nearest half the network's MACs). {@code auto}
 * compares the best pipeline, channel groups over all boards and (when those cannot split the
 * network) the best mixed plan by estimated II; on a tie the simpler structure wins (pipeline,
 * then channel groups, then mixed: fewer links and exchanges).
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

  /**
   * The pipeline, channel-group or mixed plan with the lowest estimated II. Mixed layouts are
   * searched only when channel groups over all boards cannot split or fit the network: a mixed
   * plan splits each layer over fewer boards, and its search folds every board once per layout
   * and cut (ResNet-50 on 4 boards: about 17 s of CPU each, some 13 minutes for all of them).
   */
  static Plan auto(QuantizedGraph q, BoardList boards, PlanOptions options, int laneLatencyCycles) {
    if (boards.size() == 1) {
      return Planner.pipeline(q, boards, options, laneLatencyCycles); // one board: a pipeline of one stage, nothing to choose
    }
    List<String> why = new ArrayList<>();
    Plan best = null;
    PlanException pipelineError = null;
    try {
      best = Planner.pipeline(q, boards, options, laneLatencyCycles);
    } catch (PlanException e) {
      pipelineError = e;
    }
    boolean channelGroups = false;
    try {
      Plan cg = ChannelGroupPlanner.plan(q, boards, options, laneLatencyCycles);
      channelGroups = true;
      if (best == null || cg.cyclesPerFrame() < best.cyclesPerFrame()) {
        best = cg;
      }
    } catch (PlanException e) {
      why.add("channel-group: " + oneLine(e));
    }
    if (!channelGroups && boards.size() >= 3) {
      List<String> mixedWhy = new ArrayList<>();
      Candidate m = bestMixed(q, boards, options, laneLatencyCycles, mixedWhy);
      if (m != null && (best == null || m.cycles() < best.cyclesPerFrame())) {
        best = ChannelGroupPlanner.plan(q, boards, options, laneLatencyCycles, m.stages());
      } else if (m == null && best == null) {
        why.add("mixed: " + (mixedWhy.isEmpty() ? "no layout" : mixedWhy.get(0)));
      }
    }
    if (best == null) {
      // The pipeline's own explanation first (what fits where), then why the others cannot help.
      throw new PlanException(pipelineError.getMessage() + "\nno other strategy can split it either:\n  "
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
    long[] macsBefore = new long[specs.size() + 1];
    for (int i = 0; i < specs.size(); i++) {
      macsBefore[i + 1] = macsBefore[i] + specs.get(i).macs();
    }
    long half = macsBefore[specs.size()] / 2;
    Candidate best = null;
    long bestImbalance = Long.MAX_VALUE;
    // Stages of equal size first (4 boards: 2 + 2, then 1 + 3, 3 + 1): on a tie the first found stays.
    List<Integer> firstStageSizes = new ArrayList<>(range(1, n));
    firstStageSizes.sort(java.util.Comparator.comparingInt(a -> Math.abs(2 * a - n)));
    for (int a : firstStageSizes) {
      if (Math.max(a, n - a) < 2) {
        continue; // two single boards: a pipeline
      }
      String first = null;
      for (int b = 1; b < cuts.blockCount(); b++) {
        List<Stage> stages = List.of(new Stage(range(0, a), specs.get(0).node()),
            new Stage(range(a, n), specs.get(cuts.blockStart(b)).node()));
        try {
          long ii = ChannelGroupPlanner.estimate(q, boards, options, laneLatency, stages);
          // On a tie within a layout, the cut nearest half the MACs (the stages' work balanced).
          long imbalance = Math.abs(macsBefore[cuts.blockStart(b)] - half);
          boolean sameLayout = best != null && best.stages().get(0).size() == a;
          if (best == null || ii < best.cycles() || (ii == best.cycles() && sameLayout && imbalance < bestImbalance)) {
            best = new Candidate(stages, ii);
            bestImbalance = imbalance;
          }
        } catch (PlanException e) {
          if (first == null) {
            first = a + " + " + (n - a) + " boards: " + oneLine(e);
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

  /** A reason on one line: a multi-line message's lines joined, without its closing advice in parentheses. */
  private static String oneLine(PlanException e) {
    return e.getMessage().lines().map(String::strip).filter(l -> !l.startsWith("("))
        .collect(java.util.stream.Collectors.joining(" "));
  }
}
