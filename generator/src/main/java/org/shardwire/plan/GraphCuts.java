package org.shardwire.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphInput;
import org.shardwire.model.Node;
import org.shardwire.model.Shape;

/**
 * Where a network (nodes in the graph's topological order) may be cut between boards: after node
 * {@code p} when exactly ONE tensor made at or before {@code p} is still needed after it.
 *
 * <p>Why only there: a board's range ends in one link TX endpoint and the next starts with one RX
 * endpoint carrying one stream. A cut inside a residual block or ShuffleNet unit would send two
 * tensors (the branch and the skip) over the link, and the skip FIFO that keeps the two branches
 * from deadlocking, sized from the branches' fill latencies, would then have to cover the link's
 * latency and retransmissions too, which nothing bounds. Cutting between units keeps every
 * fork/join pair on one board.
 */
public final class GraphCuts {
  /** One legal cut: after node {@code after} (index in node order), carrying {@code tensor}. */
  public record Cut(int after, String tensor, Shape shape) {
    /** Bytes per frame over the link: one int8 per element. */
    public long bytes() {
      return shape.elements();
    }
  }

  private final List<Cut> cuts;
  private final int nodeCount;

  private GraphCuts(List<Cut> cuts, int nodeCount) {
    this.cuts = List.copyOf(cuts);
    this.nodeCount = nodeCount;
  }

  public static GraphCuts of(Graph g) {
    List<Node> nodes = g.nodes();
    int n = nodes.size();
    Map<String, Integer> made = new HashMap<>();
    for (GraphInput in : g.inputs()) {
      made.put(in.name(), -1);
    }
    for (int i = 0; i < n; i++) {
      made.put(nodes.get(i).name(), i);
    }
    Map<String, Integer> lastUse = new HashMap<>();
    for (int i = 0; i < n; i++) {
      for (String in : nodes.get(i).inputs()) {
        lastUse.merge(in, i, Math::max);
      }
    }
    for (String out : g.outputs()) {
      lastUse.put(out, n); // graph outputs leave the last board
    }
    // live[p] = tensors made at or before p and used after p; a sweep over (made, lastUse) intervals
    int[] delta = new int[n + 2];
    List<String> tensors = new ArrayList<>(made.keySet());
    java.util.Collections.sort(tensors);
    for (String t : tensors) {
      Integer last = lastUse.get(t);
      int m = made.get(t);
      if (last != null && last > m) {
        delta[m + 1]++;      // live from p = m
        delta[last + 1]--;   // until p = last - 1
      }
    }
    List<Cut> cuts = new ArrayList<>();
    int live = 0;
    for (int p = -1; p < n - 1; p++) {
      live += delta[p + 1];
      if (p >= 0 && live == 1) {
        String tensor = crossing(g, made, lastUse, p, tensors);
        cuts.add(new Cut(p, tensor, g.shape(tensor)));
      }
    }
    return new GraphCuts(cuts, n);
  }

  private static String crossing(Graph g, Map<String, Integer> made, Map<String, Integer> lastUse, int p,
                                 List<String> tensors) {
    for (String t : tensors) {
      Integer last = lastUse.get(t);
      if (made.get(t) <= p && last != null && last > p) {
        return t;
      }
    }
    throw new IllegalStateException("graph '" + g.name() + "': no tensor crosses position " + p);
  }

  /** The legal cuts in node order. */
  public List<Cut> cuts() {
    return cuts;
  }

  /**
   * The network as atomic blocks between legal cuts: block b is nodes {@code [start(b), start(b+1))}.
   * The partitioner gives every board a contiguous run of blocks.
   */
  public int blockCount() {
    return cuts.size() + 1;
  }

  /** First node index of block {@code b} ({@code b == blockCount()} gives the node count). */
  public int blockStart(int b) {
    if (b == 0) {
      return 0;
    }
    if (b == blockCount()) {
      return nodeCount;
    }
    return cuts.get(b - 1).after() + 1;
  }

  /** The cut between block {@code b - 1} and block {@code b}. */
  public Cut cutBefore(int b) {
    return cuts.get(b - 1);
  }

  /** The latest legal cut before node {@code index}, or null when none (the unit starts at the graph input). */
  Cut lastCutBefore(int index) {
    Cut best = null;
    for (Cut c : cuts) {
      if (c.after() < index) {
        best = c;
      }
    }
    return best;
  }
}
