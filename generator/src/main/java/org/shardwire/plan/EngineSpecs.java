package org.shardwire.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.model.Add;
import org.shardwire.model.AvgPool;
import org.shardwire.model.ChannelRange;
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
    Map<String, Map<Integer, Long>> fifos = BranchFifos.byReader(g);
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
      // The branch FIFOs in front of this engine's inputs (BranchFifos), in int8 elements.
      long skip = fifos.getOrDefault(n.name(), Map.of()).values().stream().mapToLong(Long::longValue).sum();
      specs.add(spec(n, in, out, macs, skip, EngineConfigs.of(q, n, in)));
    }
    return specs;
  }

  private static EngineSpec spec(Node n, List<Shape> in, Shape out, long macs, long skip, EngineConfigs.Factory f) {
    Layer l = n.layer();
    String name = n.name();
    String op = l.op();
    if (l instanceof Conv c) {
      EngineKind kind = c.isDepthwise() ? EngineKind.DEPTHWISE : EngineKind.CONV;
      return new EngineSpec(name, op, kind, in, out, c.kernelH(), c.kernelW(), c.padding().top(), c.groups(), macs,
          skip, f);
    }
    if (l instanceof FullyConnected) {
      Shape x = in.get(0);
      return new EngineSpec(name, op, EngineKind.CONV, in, out, x.h(), x.w(), 0, 1, macs, skip, f);
    }
    if (l instanceof MaxPool p) {
      return new EngineSpec(name, op, EngineKind.MAX_POOL, in, out, p.kernelH(), p.kernelW(), p.padding().top(), 1, 0,
          skip, f);
    }
    if (l instanceof AvgPool p) {
      return new EngineSpec(name, op, EngineKind.AVG_POOL, in, out, p.kernelH(), p.kernelW(), p.padding().top(), 1, 0,
          skip, f);
    }
    if (l instanceof GlobalAvgPool) {
      Shape x = in.get(0);
      return new EngineSpec(name, op, EngineKind.GLOBAL_AVG_POOL, in, out, x.h(), x.w(), 0, 1, 0, skip, f);
    }
    if (l instanceof Add) {
      return new EngineSpec(name, op, EngineKind.ADD, in, out, 1, 1, 0, 1, 0, skip, f);
    }
    if (l instanceof Concat) {
      return new EngineSpec(name, op, EngineKind.CONCAT, in, out, 1, 1, 0, 1, 0, skip, f);
    }
    if (l instanceof ChannelShuffle || l instanceof InsideShuffle) {
      return new EngineSpec(name, op, EngineKind.SHUFFLE, in, out, 1, 1, 0, 1, 0, skip, f);
    }
    if (l instanceof Relu || l instanceof Clip) {
      return new EngineSpec(name, op, EngineKind.CLAMP, in, out, 1, 1, 0, 1, 0, skip, f);
    }
    if (l instanceof ChannelRange) {
      return new EngineSpec(name, op, EngineKind.CHANNEL_RANGE, in, out, 1, 1, 0, 1, 0, skip, f);
    }
    if (l instanceof Flatten) {
      return new EngineSpec(name, op, EngineKind.WIRE, in, out, 1, 1, 0, 1, 0, skip, f);
    }
    throw new IllegalArgumentException("layer '" + name + "' (" + op + ") has no hardware engine; BatchNorm must be "
        + "folded first (GraphPass.optimize)");
  }
}
