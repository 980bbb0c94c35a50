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
 * {@code p} when at least one and at most {@code maxCrossing} tensors made at or before {@code p}
 * are still needed after it; each crosses on its own link.
 *
 * <p>With one tensor (between residual blocks and ShuffleNet units) every fork/join pair stays on
 * one board. With two (the pipeline planner's cuts, {@link #PIPELINE_CROSSING}) a cut may also fall
 * inside a block: the main branch's tensor and the shortcut's cross side by side, each on its own
 * link, and the join's branch FIFO is built on the receiving board with the depth {@link
 * BranchFifos} gives on one board. That depth still keeps the branches from deadlocking: it holds
 * what the fork must send down the shortcut before the join takes its first main-branch value,
 * which the main branch's engines decide, not its link (a link passes values on after a delay and
 * need not fill up first), and both branches cross one link each, so neither gains a link's
 * latency on the other. ResNet-50 has 19 cuts of one tensor and 71 of up to two: the finer cuts
 * let four boards balance to within a layer of each other.
 */
public final class GraphCuts {
  /** Tensors a pipeline cut may carry: the main branch and a shortcut. */
  public static final int PIPELINE_CROSSING = 2;

  /**
   * One cut: after node {@code after} (index in node order), carrying {@code tensors} (in the order
   * they were made: a shortcut before the main branch) of {@code shapes}.
   */
  public record Cut(int after, List<String> tensors, List<Shape> shapes) {
    public Cut {
      tensors = List.copyOf(tensors);
      shapes = List.copyOf(shapes);
      if (tensors.isEmpty() || tensors.size() != shapes.size()) {
        throw new IllegalArgumentException("a cut carries at least one tensor, each with its shape");
      }
    }

    /** A cut carrying one tensor. */
    public Cut(int after, String tensor, Shape shape) {
      this(after, List.of(tensor), List.of(shape));
    }

    /** The tensor made last: the only one of a one-tensor cut, the main branch of a two-tensor cut. */
    public String tensor() {
      return tensors.get(tensors.size() - 1);
    }

    /** Bytes per frame over the links: one int8 per element of every tensor. */
    public long bytes() {
      return shapes.stream().mapToLong(Shape::elements).sum();
    }
  }

  private final List<Cut> cuts;
  private final int nodeCount;

  private GraphCuts(List<Cut> cuts, int nodeCount) {
    this.cuts = List.copyOf(cuts);
    this.nodeCount = nodeCount;
  }

  /** The cuts where exactly one tensor crosses (stage boundaries of channel-group plans). */
  public static GraphCuts of(Graph g) {
    return of(g, 1);
  }

  /** The cuts where 1..{@code maxCrossing} tensors cross. */
  public static GraphCuts of(Graph g, int maxCrossing) {
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
      if (p >= 0 && live >= 1 && live <= maxCrossing) {
        List<String> crossing = crossing(made, lastUse, p, tensors);
        if (crossing.size() != live) {
          throw new IllegalStateException("graph '" + g.name() + "': " + live + " tensors live after node " + p
              + ", found " + crossing);
        }
        cuts.add(new Cut(p, crossing, crossing.stream().map(g::shape).toList()));
      }
    }
    return new GraphCuts(cuts, n);
  }

  /** The tensors made at or before {@code p} and used after it, in the order they were made. */
  private static List<String> crossing(Map<String, Integer> made, Map<String, Integer> lastUse, int p,
                                       List<String> tensors) {
    List<String> out = new ArrayList<>();
    for (String t : tensors) {
      Integer last = lastUse.get(t);
      if (made.get(t) <= p && last != null && last > p) {
        out.add(t);
      }
    }
    out.sort(java.util.Comparator.comparingInt(made::get));
    return out;
  }

  /** The cuts in node order. */
  public List<Cut> cuts() {
    return cuts;
  }

  /**
   * The network as atomic blocks between cuts: block b is nodes {@code [start(b), start(b+1))}.
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

  /**
   * Whether block {@code b} starts a unit between one-tensor cuts: the first block, or one after a
   * cut where only one tensor crosses (between ResNet blocks, not inside one).
   */
  public boolean startsAfterOneTensor(int b) {
    return b == 0 || cutBefore(b).tensors().size() == 1;
  }

  /** The latest cut before node {@code index}, or null when none (the unit starts at the graph input). */
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
