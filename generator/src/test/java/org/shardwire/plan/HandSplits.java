package org.shardwire.plan;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.boards.BoardList;
import org.shardwire.quant.QuantizedGraph;

/**
 * A pipeline plan whose split a test chooses (the boards' first layers), folded and assembled as
 * the planner does its own: for testing what a split the planner would pick only on a bigger
 * network builds and simulates to, on a small one.
 */
public final class HandSplits {
  private HandSplits() {}

  public static Plan plan(QuantizedGraph q, BoardList boards, List<String> firstLayers) {
    Planner p = new Planner(q, boards, PlanOptions.defaults(boards));
    List<Integer> starts = new ArrayList<>();
    for (String layer : firstLayers) {
      int b = p.blockStartingAt(layer);
      if (b < 0) {
        throw new IllegalArgumentException("no cut falls before " + layer);
      }
      starts.add(b);
    }
    PipelinePartitioner.Costs costs = p.costs();
    long slowest = 0;
    for (int k = 0; k < starts.size(); k++) {
      int end = k + 1 < starts.size() ? starts.get(k + 1) : p.blockCount();
      slowest = Math.max(slowest, costs.board(k, starts.get(k), end));
      if (k > 0) {
        slowest = Math.max(slowest, costs.link(k - 1, starts.get(k)));
      }
    }
    return p.assemble(q.graph().name(), new PipelinePartitioner.Split(starts, slowest, 0))
        .withMacBound(p.macBound()).withFoldBound(p.foldBound());
  }
}
