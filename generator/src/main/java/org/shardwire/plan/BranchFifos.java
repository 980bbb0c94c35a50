package org.shardwire.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.model.AvgPool;
import org.shardwire.model.Conv;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Graph;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Node;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;

/**
 * The FIFOs behind every fork, derived once from the graph: the planner counts them and the board
 * assembly builds them (docs/engines.md, "Fill latency and branch FIFOs").
 *
 * <p>A tensor read by several branches that meet again at a join (Add, Concat) is pushed to every
 * branch at once; the join can take its q-th output pixel only when every branch has been given
 * the fork pixels that pixel depends on. The branch that needs fewer fork pixels for the same
 * join pixel must hold the difference in a FIFO, or the fork stalls and the branches deadlock.
 * For each branch the derivation composes, engine by engine from the join back to the fork, how
 * many input pixels (raster order) an engine needs for its first q output pixels: a sliding
 * window (conv, pools) needs up to input row {@code y*stride + Kh-1-padTop} and column
 * {@code x*stride + Kw-1-padLeft} of output pixel (y, x); a 1x1 or pointwise engine the same
 * pixel; a global pool or fully connected layer the whole input. The FIFO on a branch holds the
 * largest difference, over every join pixel q, between the most any branch needs and what this
 * branch needs, plus one fork pixel (joins and 1x1 engines take a pixel word by word): fewer
 * elements than that deadlock ({@link Fifo#deadlockBound}). Every branch but the lead (the one
 * that never lags, with the deepest pipeline) holds more: what it lags behind the lead when every
 * line buffer on the lead's path reads ahead as far as it can, and at least the bound plus one
 * row of the fork tensor; without that room the branches take turns instead of streaming
 * together (measured: shufflenet-tiny ran 42% slower with the bound alone, resnet8-cifar's
 * stride-2 block 10.7% slower with one row). Only the path from the fork to the join where its
 * branches meet counts, and no FIFO exceeds the fork tensor, unless the lead takes in more.
 *
 * <p>Streaming engines take in what their window geometry says. An engine whose config states
 * more ({@link EngineConfig#inputWordsBeforeFirstOutput}, {@link EngineConfig#inputWordsInFlight})
 * takes that: the weight-stationary conv needs its whole input frame before its first output and
 * takes in the next frame while it computes, so a shortcut around it holds one whole frame of the
 * fork tensor not to deadlock and two to keep the conv busy. The planner and the lowering pass the
 * engine configs they chose ({@link #of(Graph, Map)}); the same figures size what is built.
 */
public final class BranchFifos {
  /**
   * Words added to every FIFO beyond the derived elements: the lane adapter and register slice
   * between fork and FIFO hold a word each, and a word may carry a partial pixel.
   */
  public static final int MARGIN_WORDS = 2;

  private BranchFifos() {}

  /**
   * The FIFO in front of input {@code input} of node {@code reader}, which reads the forked
   * tensor {@code tensor}; its branch meets the others at node {@code join}.
   *
   * @param elements int8 elements of the fork tensor the FIFO holds: enough that the lead branch's
   *     line buffers can read ahead (at least the deadlock bound plus one row of the fork tensor)
   * @param deadlockBound the fewest elements with which the branches cannot deadlock (0 when this
   *     branch never lags; its FIFO is then only the row that keeps the branches at full rate)
   */
  public record Fifo(String tensor, String reader, int input, String join, long elements, long deadlockBound) {
    /** Depth in words of a FIFO {@code lanes} channels wide. */
    public long words(int lanes) {
      return BranchFifos.words(elements, lanes);
    }
  }

  /** Depth in words of a FIFO of {@code elements} int8 elements, {@code lanes} per word (0 when none is needed). */
  public static long words(long elements, int lanes) {
    return elements == 0 ? 0 : (elements + lanes - 1) / lanes + MARGIN_WORDS;
  }

  /**
   * Every branch FIFO of the graph (readers that need none are left out), forks in node order,
   * with every engine a streaming one (what window geometry says it takes in).
   */
  public static List<Fifo> of(Graph g) {
    return of(g, Map.of());
  }

  /**
   * Every branch FIFO of the graph, where the engines of {@code engines} (node -> config) take in
   * what their configs state ({@link EngineConfig#inputWordsBeforeFirstOutput}, {@link
   * EngineConfig#inputWordsInFlight}) when that is more than window geometry says: an engine
   * that keeps whole frames (the weight-stationary conv) needs its whole input frame before its
   * first output and takes in the next while it computes.
   */
  public static List<Fifo> of(Graph g, Map<String, ? extends EngineConfig> engines) {
    return new Derivation(g, engines).all();
  }

  /**
   * The engines of {@code engines} that take in more than window geometry says (their fill or
   * what they hold in flight): only these change a FIFO of {@link #of(Graph, Map)}.
   */
  public static Map<String, EngineConfig> beyondGeometry(Graph g, Map<String, ? extends EngineConfig> engines) {
    Derivation d = new Derivation(g, engines);
    Map<String, EngineConfig> m = new LinkedHashMap<>();
    for (int i = 0; i < d.nodes.size(); i++) {
      Node n = d.nodes.get(i);
      EngineConfig c = engines.get(n.name());
      if (c != null && d.beyondGeometry(n, c)) {
        m.put(n.name(), c);
      }
    }
    return m;
  }

  /**
   * Every node on a branch of a fork before the join where the branch meets the others: where an
   * engine that takes in more than geometry says deepens a FIFO of {@link #of(Graph, Map)}.
   */
  public static java.util.Set<String> betweenForkAndJoin(Graph g) {
    return new Derivation(g, Map.of()).betweenForkAndJoin();
  }

  /** The FIFO elements in front of each input of each node: node -> input -> elements. */
  public static Map<String, Map<Integer, Long>> byReader(Graph g) {
    return byReader(of(g));
  }

  /** The FIFO elements in front of each input of each reader of {@code fifos}: node -> input -> elements. */
  public static Map<String, Map<Integer, Long>> byReader(List<Fifo> fifos) {
    Map<String, Map<Integer, Long>> m = new LinkedHashMap<>();
    for (Fifo f : fifos) {
      m.computeIfAbsent(f.reader(), k -> new LinkedHashMap<>()).merge(f.input(), f.elements(), Long::sum);
    }
    return m;
  }

  /** One reader of a forked tensor: input {@code input} of the node at index {@code node}. */
  private record Reader(int node, int input) {}

  private static final class Derivation {
    private final List<Node> nodes;
    private final Map<String, Shape> shapes;
    private final Map<String, Integer> producer = new HashMap<>();
    private final Map<String, ? extends EngineConfig> engines;

    Derivation(Graph g, Map<String, ? extends EngineConfig> engines) {
      this.nodes = g.nodes();
      this.shapes = g.shapes();
      this.engines = engines;
      for (int i = 0; i < nodes.size(); i++) {
        producer.put(nodes.get(i).name(), i);
      }
    }

    List<Fifo> all() {
      Map<String, List<Reader>> readers = new LinkedHashMap<>();
      for (int i = 0; i < nodes.size(); i++) {
        List<String> in = nodes.get(i).inputs();
        for (int k = 0; k < in.size(); k++) {
          readers.computeIfAbsent(in.get(k), t -> new ArrayList<>()).add(new Reader(i, k));
        }
      }
      List<Fifo> fifos = new ArrayList<>();
      for (Map.Entry<String, List<Reader>> e : readers.entrySet()) {
        if (e.getValue().size() > 1) {
          fifos.addAll(fork(e.getKey(), e.getValue()));
        }
      }
      return fifos;
    }

    /** Every node on a branch of a fork before the join where that branch meets the others. */
    java.util.Set<String> betweenForkAndJoin() {
      Map<String, List<Reader>> readers = new LinkedHashMap<>();
      for (int i = 0; i < nodes.size(); i++) {
        List<String> in = nodes.get(i).inputs();
        for (int k = 0; k < in.size(); k++) {
          readers.computeIfAbsent(in.get(k), t -> new ArrayList<>()).add(new Reader(i, k));
        }
      }
      java.util.Set<String> inside = new java.util.LinkedHashSet<>();
      for (List<Reader> rs : readers.values()) {
        int n = rs.size();
        if (n < 2) {
          continue;
        }
        List<BitSet> reach = new ArrayList<>();
        for (Reader r : rs) {
          reach.add(downstream(r.node()));
        }
        meetings(rs, reach, (arriving, j) -> {
          BitSet up = upstream(j);
          for (int k : arriving) {
            BitSet path = (BitSet) reach.get(k).clone();
            path.and(up);
            path.stream().forEach(i -> inside.add(nodes.get(i).name()));
          }
        });
      }
      return inside;
    }

    /**
     * Walks the nodes after a fork in graph order and, at each join where branches of two groups
     * meet, calls {@code atJoin} with the readers whose branches arrive there (indices into
     * {@code readers}) and the join's index, then makes those branches one group; stops when every
     * branch has met the others.
     */
    private void meetings(List<Reader> readers, List<BitSet> reach, ObjIntConsumer<List<Integer>> atJoin) {
      int n = readers.size();
      int[] group = new int[n];
      for (int k = 0; k < n; k++) {
        group[k] = k;
      }
      int groups = n;
      for (int j = readers.get(0).node(); j < nodes.size() && groups > 1; j++) {
        if (nodes.get(j).inputs().size() < 2) {
          continue;
        }
        List<Integer> arriving = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          if (feeds(readers.get(k), reach.get(k), j)) {
            arriving.add(k);
          }
        }
        if (arriving.stream().map(k -> group[k]).distinct().count() < 2) {
          continue;
        }
        atJoin.accept(arriving, j);
        int into = group[arriving.get(0)];
        for (int k : arriving) {
          int from = group[k];
          if (from != into) {
            for (int m = 0; m < n; m++) {
              if (group[m] == from) {
                group[m] = into;
              }
            }
            groups--;
          }
        }
      }
    }

    /** The FIFOs of one fork: its branches are followed to the joins where they meet, and no further. */
    private List<Fifo> fork(String tensor, List<Reader> readers) {
      int n = readers.size();
      List<BitSet> reach = new ArrayList<>();
      for (Reader r : readers) {
        reach.add(downstream(r.node()));
      }
      long[] need = new long[n];
      long[] ahead = new long[n];
      long[] leadTakes = {0};
      boolean[] buffered = new boolean[n];
      String[] joinOf = new String[n];
      meetings(readers, reach, (arriving, j) -> {
        long[] extra = lag(readers, reach, arriving, j);
        int lead = lead(arriving, extra, reach, j);
        long[] behindLead = readAhead(readers, reach, arriving, lead, j);
        leadTakes[0] = Math.max(leadTakes[0], behindLead[arriving.size()]);
        for (int a = 0; a < arriving.size(); a++) {
          int k = arriving.get(a);
          if (a != lead && (!buffered[k] || extra[a] > need[k])) {
            buffered[k] = true;
            need[k] = extra[a];
            joinOf[k] = nodes.get(j).name();
          }
          if (a != lead) {
            ahead[k] = Math.max(ahead[k], behindLead[a]);
          }
        }
      });
      Shape f = shapes.get(tensor);
      List<Fifo> out = new ArrayList<>();
      // At most a frame of the fork tensor, or what the lead branches take in when more (engines
      // that keep whole frames): a FIFO never needs to hold more than the lead can take.
      long all = Math.max((long) f.h() * f.w(), leadTakes[0]);
      for (int k = 0; k < n; k++) {
        if (buffered[k]) {
          long bound = need[k] == 0 ? 0 : Math.min(need[k] + 1, all);
          long pixels = Math.min(Math.max(need[k] + 1 + f.w(), ahead[k] + 1), all);
          Reader r = readers.get(k);
          out.add(new Fifo(tensor, nodes.get(r.node()).name(), r.input(), joinOf[k], pixels * f.c(), bound * f.c()));
        }
      }
      return out;
    }

    /**
     * The branch that needs no FIFO at join {@code j}: one that never lags (extra 0); among several,
     * the one with the most engines before the join (the deepest pipeline, which the others wait for).
     */
    private int lead(List<Integer> arriving, long[] extra, List<BitSet> reach, int j) {
      BitSet upstream = upstream(j);
      int lead = -1;
      int engines = -1;
      for (int a = 0; a < arriving.size(); a++) {
        BitSet path = (BitSet) reach.get(arriving.get(a)).clone();
        path.and(upstream);
        if (extra[a] == 0 && path.cardinality() > engines) {
          lead = a;
          engines = path.cardinality();
        }
      }
      return lead;
    }

    /** Every node whose output node {@code j} reads, directly or not (j excluded). */
    private BitSet upstream(int j) {
      BitSet up = new BitSet(nodes.size());
      for (String t : nodes.get(j).inputs()) {
        Integer p = producer.get(t);
        if (p != null) {
          up.set(p);
        }
      }
      for (int i = j - 1; i >= 0; i--) {
        if (up.get(i)) {
          for (String t : nodes.get(i).inputs()) {
            Integer p = producer.get(t);
            if (p != null) {
              up.set(p);
            }
          }
        }
      }
      return up;
    }

    /**
     * For each arriving reader: the most fork pixels it lags behind the neediest branch, over
     * every output pixel of join {@code j}.
     */
    private long[] lag(List<Reader> readers, List<BitSet> reach, List<Integer> arriving, int j) {
      Shape out = shapes.get(nodes.get(j).name());
      long pixels = (long) out.h() * out.w();
      long[] extra = new long[arriving.size()];
      long[] demand = new long[arriving.size()];
      for (long q = 1; q <= pixels; q++) {
        long most = 0;
        for (int a = 0; a < arriving.size(); a++) {
          int k = arriving.get(a);
          demand[a] = demand(readers.get(k), reach.get(k), j, q);
          most = Math.max(most, demand[a]);
        }
        for (int a = 0; a < arriving.size(); a++) {
          extra[a] = Math.max(extra[a], most - demand[a]);
        }
      }
      return extra;
    }

    /**
     * For each arriving reader: the most fork pixels it lags behind what the lead branch's line
     * buffers take in when every one of them reads ahead as far as it can (its stride in rows
     * beyond the window, {@link org.shardwire.blocks.engines.window.SlidingWindowConfig#bufferRows}).
     * Read-ahead compounds along the lead's path: behind a stride-2 engine, one row of read-ahead
     * is two rows of the fork. A FIFO that holds this much never stops the lead from filling its
     * line buffers, so the branches stream together instead of taking turns (measured: resnet8-cifar
     * on three boards ran 10.7% slower with one fork row of read-ahead behind a stride-2 conv).
     * The element after the arriving readers' is the most fork pixels the lead takes in.
     */
    private long[] readAhead(List<Reader> readers, List<BitSet> reach, List<Integer> arriving, int lead, int j) {
      long[] behind = new long[arriving.size() + 1];
      if (lead < 0) {
        return behind;
      }
      Shape out = shapes.get(nodes.get(j).name());
      long pixels = (long) out.h() * out.w();
      int l = arriving.get(lead);
      for (long q = 1; q <= pixels; q++) {
        long leadTakes = demand(readers.get(l), reach.get(l), j, q, true);
        behind[arriving.size()] = Math.max(behind[arriving.size()], leadTakes);
        for (int a = 0; a < arriving.size(); a++) {
          int k = arriving.get(a);
          behind[a] = Math.max(behind[a], leadTakes - demand(readers.get(k), reach.get(k), j, q, false));
        }
      }
      return behind;
    }

    /** Fork pixels branch {@code r} must be given for node {@code m} to emit its first {@code q} pixels. */
    private long demand(Reader r, BitSet reach, int m, long q) {
      return demand(r, reach, m, q, false);
    }

    /**
     * Fork pixels branch {@code r} must be given (or, with {@code readAhead}, takes in when every
     * line buffer on it reads ahead) for node {@code m} to emit its first {@code q} pixels.
     */
    private long demand(Reader r, BitSet reach, int m, long q, boolean readAhead) {
      Node node = nodes.get(m);
      long most = 0;
      for (int i = 0; i < node.inputs().size(); i++) {
        if (m == r.node() && i == r.input()) {
          most = Math.max(most, inputPixels(node, i, q, readAhead));
        } else {
          Integer p = producer.get(node.inputs().get(i));
          if (p != null && reach.get(p)) {
            most = Math.max(most, demand(r, reach, p, inputPixels(node, i, q, readAhead), readAhead));
          }
        }
      }
      return most;
    }

    /** Does the branch of reader {@code r} arrive at node {@code j} (directly or through its engines)? */
    private boolean feeds(Reader r, BitSet reach, int j) {
      List<String> in = nodes.get(j).inputs();
      for (int i = 0; i < in.size(); i++) {
        Integer p = producer.get(in.get(i));
        if ((r.node() == j && r.input() == i) || (p != null && reach.get(p))) {
          return true;
        }
      }
      return false;
    }

    /** Node {@code start} and every node that reads, directly or not, what it writes. */
    private BitSet downstream(int start) {
      BitSet reach = new BitSet(nodes.size());
      reach.set(start);
      for (int i = start + 1; i < nodes.size(); i++) {
        for (String t : nodes.get(i).inputs()) {
          Integer p = producer.get(t);
          if (p != null && reach.get(p)) {
            reach.set(i);
            break;
          }
        }
      }
      return reach;
    }

    /**
     * Pixels of input {@code i} (raster order, frame after frame) node {@code n} needs to emit its
     * first {@code q} output pixels; with {@code readAhead}, what it takes in by then. Geometry
     * gives a streaming engine's figure (a window engine's line buffer fills its stride in rows
     * beyond the window); an engine in {@code engines} takes in at least what its config states.
     */
    private long inputPixels(Node n, int i, long q, boolean readAhead) {
      if (q <= 0) {
        return 0;
      }
      long pixels = geometric(n, i, q, readAhead);
      EngineConfig c = engines.get(n.name());
      if (c != null) {
        long words = (readAhead ? c.inputWordsInFlight() : c.inputWordsBeforeFirstOutput()).get(i);
        pixels = Math.max(pixels, ceilDiv(words, wordsPerPixel(c.inputs().get(i))));
      }
      return pixels;
    }

    /** Whether config {@code c} of node {@code n} takes in more than geometry says for its first output. */
    boolean beyondGeometry(Node n, EngineConfig c) {
      for (int i = 0; i < n.inputs().size(); i++) {
        long wpp = wordsPerPixel(c.inputs().get(i));
        if (ceilDiv(c.inputWordsBeforeFirstOutput().get(i), wpp) > geometric(n, i, 1, false)
            || ceilDiv(c.inputWordsInFlight().get(i), wpp) > geometric(n, i, 1, true)) {
          return true;
        }
      }
      return false;
    }

    private static long wordsPerPixel(TensorStream s) {
      return Math.max(1, ceilDiv(s.shape().c(), s.lanes()));
    }

    private static long ceilDiv(long a, long b) {
      return (a + b - 1) / b;
    }

    /**
     * What geometry says: the whole frames before output pixel q's frame, and within its frame
     * the sliding window's reach, the whole input (global pool, fully connected, another grid),
     * or the same pixel (add, concat, shuffle, clamp).
     */
    private long geometric(Node n, int i, long q, boolean readAhead) {
      Shape in = shapes.get(n.inputs().get(i));
      Shape out = shapes.get(n.name());
      long inFrame = (long) in.h() * in.w();
      long outFrame = (long) out.h() * out.w();
      long frames = (q - 1) / outFrame;
      return frames * inFrame + withinFrame(n, in, out, q - frames * outFrame, readAhead);
    }

    /** {@link #geometric} for an output pixel q of the first frame (1 <= q <= OH x OW). */
    private static long withinFrame(Node n, Shape in, Shape out, long q, boolean readAhead) {
      Layer l = n.layer();
      if (l instanceof Conv c) {
        return window(in, out, q, c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.padding(),
            readAhead);
      }
      if (l instanceof MaxPool p) {
        return window(in, out, q, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padding(),
            readAhead);
      }
      if (l instanceof AvgPool p) {
        return window(in, out, q, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padding(),
            readAhead);
      }
      long whole = (long) in.h() * in.w();
      if (l instanceof FullyConnected || l instanceof GlobalAvgPool || in.h() != out.h() || in.w() != out.w()) {
        return whole;
      }
      return q; // pointwise on the same pixel grid: add, concat, shuffle, clamp
    }

    /**
     * The last input pixel the window of output pixel q-1 covers, as a count of input pixels; with
     * {@code readAhead}, to the end of the row the line buffer has filled by then, {@code sh} rows
     * further (1 x 1 windows keep no rows).
     */
    private static long window(Shape in, Shape out, long q, int kh, int kw, int sh, int sw, Padding pad,
        boolean readAhead) {
      long y = (q - 1) / out.w();
      long x = (q - 1) % out.w();
      long row = Math.min(in.h() - 1, y * sh + kh - 1 - pad.top());
      long col = Math.min(in.w() - 1, x * sw + kw - 1 - pad.left());
      if (readAhead && (kh > 1 || kw > 1)) {
        return Math.min(in.h(), Math.max(0, row) + sh + 1) * in.w();
      }
      return Math.max(0, row) * in.w() + Math.max(0, col) + 1;
    }
  }
}
