package org.shardwire.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.model.Add;
import org.shardwire.model.AvgPool;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Clip;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.Flatten;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Graph;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Node;
import org.shardwire.model.Relu;
import org.shardwire.model.Shape;
import org.shardwire.quant.QuantizedGraph;

/** Turns the nodes of an int8 graph into {@link EngineSpec}s, in the graph's topological order. */
public final class EngineSpecs {
  private EngineSpecs() {}

  public static List<EngineSpec> of(QuantizedGraph q) {
    Graph g = q.graph();
    Map<String, Shape> shapes = g.shapes();
    GraphCuts cuts = GraphCuts.of(g);
    List<EngineSpec> specs = new ArrayList<>();
    List<Node> nodes = g.nodes();
    // The stream that carries each tensor: Flatten moves nothing (NHWC order is kept), so its
    // output is its input's stream, as the lowering wires it.
    Map<String, Shape> streams = new HashMap<>(shapes);
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      List<Shape> in = new ArrayList<>();
      for (String t : n.inputs()) {
        in.add(streams.get(t));
      }
      Shape out = shapes.get(n.name());
      if (n.layer() instanceof Flatten) {
        streams.put(n.name(), in.get(0));
      }
      long macs = n.layer().macs(in, out);
      long skip = isJoin(n.layer()) ? skipFifoBytes(g, cuts, i, shapes) : 0;
      specs.add(spec(n, in, out, macs, skip, EngineConfigs.of(q, n, in)));
    }
    return specs;
  }

  private static boolean isJoin(Layer l) {
    return l instanceof Add || l instanceof Concat;
  }

  private static EngineSpec spec(Node n, List<Shape> in, Shape out, long macs, long skip, EngineConfigs.Factory f) {
    Layer l = n.layer();
    String name = n.name();
    String op = l.op();
    if (l instanceof Conv c) {
      EngineKind kind = c.isDepthwise() ? EngineKind.DEPTHWISE : EngineKind.CONV;
      return new EngineSpec(name, op, kind, in, out, c.kernelH(), c.kernelW(), c.padding().top(), c.groups(), macs, 0,
          f);
    }
    if (l instanceof FullyConnected) {
      Shape x = in.get(0);
      return new EngineSpec(name, op, EngineKind.CONV, in, out, x.h(), x.w(), 0, 1, macs, 0, f);
    }
    if (l instanceof MaxPool p) {
      return new EngineSpec(name, op, EngineKind.MAX_POOL, in, out, p.kernelH(), p.kernelW(), p.padding().top(), 1, 0,
          0, f);
    }
    if (l instanceof AvgPool p) {
      return new EngineSpec(name, op, EngineKind.AVG_POOL, in, out, p.kernelH(), p.kernelW(), p.padding().top(), 1, 0,
          0, f);
    }
    if (l instanceof GlobalAvgPool) {
      Shape x = in.get(0);
      return new EngineSpec(name, op, EngineKind.GLOBAL_AVG_POOL, in, out, x.h(), x.w(), 0, 1, 0, 0, f);
    }
    if (l instanceof Add) {
      return new EngineSpec(name, op, EngineKind.ADD, in, out, 1, 1, 0, 1, 0, skip, f);
    }
    if (l instanceof Concat) {
      return new EngineSpec(name, op, EngineKind.CONCAT, in, out, 1, 1, 0, 1, 0, skip, f);
    }
    if (l instanceof ChannelShuffle || l instanceof InsideShuffle) {
      return new EngineSpec(name, op, EngineKind.SHUFFLE, in, out, 1, 1, 0, 1, 0, 0, f);
    }
    if (l instanceof Relu || l instanceof Clip) {
      return new EngineSpec(name, op, EngineKind.CLAMP, in, out, 1, 1, 0, 1, 0, 0, f);
    }
    if (l instanceof Flatten) {
      return new EngineSpec(name, op, EngineKind.WIRE, in, out, 1, 1, 0, 1, 0, 0, f);
    }
    throw new IllegalArgumentException("layer '" + name + "' (" + op + ") has no hardware engine; BatchNorm must be "
        + "folded first (GraphPass.optimize)");
  }

  /**
   * The branch FIFO of a join, estimated (the board assembly derives the exact depth from the
   * engines' fill latencies, docs/engines.md). Each branch from the fork (the tensor crossing the
   * last legal cut before the join) lags by the rows its windowed engines must read before their
   * first output: (Kh - padTop) rows of their input each, converted to rows of the fork tensor.
   * The FIFO holds the difference between the branches plus one fork row of margin.
   */
  static long skipFifoBytes(Graph g, GraphCuts cuts, int joinIndex, Map<String, Shape> shapes) {
    GraphCuts.Cut fork = cuts.lastCutBefore(joinIndex);
    String forkTensor = fork == null ? g.inputs().get(0).name() : fork.tensor();
    Shape f = shapes.get(forkTensor);
    Map<String, Double> lag = new HashMap<>();
    lag.put(forkTensor, 0.0);
    int start = fork == null ? 0 : fork.after() + 1;
    List<Node> nodes = g.nodes();
    for (int i = start; i < joinIndex; i++) {
      Node n = nodes.get(i);
      double before = 0;
      for (String t : n.inputs()) {
        before = Math.max(before, lag.getOrDefault(t, 0.0));
      }
      lag.put(n.name(), before + forkRows(n, shapes, f));
    }
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (String t : nodes.get(joinIndex).inputs()) {
      double l = lag.getOrDefault(t, 0.0);
      lo = Math.min(lo, l);
      hi = Math.max(hi, l);
    }
    double rows = Math.ceil(hi - lo) + 1;
    return (long) rows * f.w() * f.c();
  }

  private static double forkRows(Node n, Map<String, Shape> shapes, Shape fork) {
    Layer l = n.layer();
    int kh;
    int padTop;
    if (l instanceof Conv c) {
      kh = c.kernelH();
      padTop = c.padding().top();
    } else if (l instanceof MaxPool p) {
      kh = p.kernelH();
      padTop = p.padding().top();
    } else if (l instanceof AvgPool p) {
      kh = p.kernelH();
      padTop = p.padding().top();
    } else {
      return 0;
    }
    if (kh <= 1) {
      return 0;
    }
    Shape in = shapes.get(n.inputs().get(0));
    return (double) (kh - padTop) * fork.h() / in.h();
  }
}
