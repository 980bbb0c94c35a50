package org.shardwire.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.model.ChannelRange;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Flatten;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphInput;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Node;
import org.shardwire.model.Shape;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QAdd;
import org.shardwire.quant.QAvgPool;
import org.shardwire.quant.QClamp;
import org.shardwire.quant.QConcat;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QFullyConnected;
import org.shardwire.quant.QGlobalAvgPool;
import org.shardwire.quant.QLayer;
import org.shardwire.quant.QMove;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.quant.Requant;

/**
 * The golden model: integer-exact inference of a {@link QuantizedGraph} following
 * docs/numerics.md, the reference the generated RTL must match bit for bit. Kernels are prepared
 * once at construction (weights widened and laid out for the inner loops); {@link #run} and
 * {@link #trace} can then be called for many frames. Convolutions use all cores.
 */
public final class Int8Inference {
  private final QuantizedGraph q;
  private final Graph graph;
  private final Map<String, Shape> shapes;
  private final Map<String, Int8ConvKernel> convs = new LinkedHashMap<>();
  private final boolean vector;

  /** With the fastest conv engine this JVM offers ({@link ConvEngine#AUTO}). */
  public Int8Inference(QuantizedGraph q) {
    this(q, ConvEngine.AUTO);
  }

  public Int8Inference(QuantizedGraph q, ConvEngine engine) {
    this.q = q;
    this.vector = engine.resolve() == ConvEngine.VECTOR;
    this.graph = q.graph();
    this.shapes = graph.shapes();
    for (Node n : graph.nodes()) {
      QLayer l = q.layer(n.name());
      Shape in = shapes.get(n.inputs().get(0));
      Shape out = shapes.get(n.name());
      if (l instanceof QConv c) {
        convs.put(n.name(), new Int8ConvKernel(c.layer(), in, out, c.weights().data(), c.bias().values(),
            c.requant().toArray(new Requant[0]), c.clamp(), engine));
      } else if (l instanceof QFullyConnected f) {
        convs.put(n.name(), Int8ConvKernel.fullyConnected(in, f.layer().outFeatures(), f.weights().data(),
            f.bias().values(), f.requant().toArray(new Requant[0]), f.clamp(), engine));
      }
    }
  }

  public QuantizedGraph quantizedGraph() {
    return q;
  }

  /** The first graph output. */
  public Int8Tensor run(Int8Tensor input) {
    Map<String, int[]> values = execute(List.of(input), false);
    String out = graph.outputs().get(0);
    return toTensor(out, values.get(out));
  }

  /** Every tensor by name (graph inputs, then nodes in topological order), for comparing any cut. */
  public Map<String, Int8Tensor> trace(Int8Tensor... inputs) {
    Map<String, int[]> values = execute(List.of(inputs), true);
    Map<String, Int8Tensor> result = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : values.entrySet()) {
      result.put(e.getKey(), toTensor(e.getKey(), e.getValue()));
    }
    return result;
  }

  private Int8Tensor toTensor(String name, int[] v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return Int8Tensor.activation(shapes.get(name), b);
  }

  private Map<String, int[]> execute(List<Int8Tensor> inputs, boolean keepAll) {
    if (inputs.size() != graph.inputs().size()) {
      throw new IllegalArgumentException("graph '" + graph.name() + "' takes " + graph.inputs().size()
          + " input(s), got " + inputs.size());
    }
    Map<String, int[]> values = new LinkedHashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      GraphInput gi = graph.inputs().get(i);
      Int8Tensor t = inputs.get(i);
      if (t.dims().length != 3 || !t.shape().equals(gi.shape())) {
        throw new IllegalArgumentException("input '" + gi.name() + "' must have shape " + gi.shape() + ", got "
            + java.util.Arrays.toString(t.dims()));
      }
      byte[] b = t.data();
      int[] v = new int[b.length];
      for (int k = 0; k < b.length; k++) {
        v[k] = b[k];
      }
      values.put(gi.name(), v);
    }
    Map<String, Integer> lastUse = keepAll ? Map.of() : lastUses();
    List<Node> nodes = graph.nodes();
    for (int idx = 0; idx < nodes.size(); idx++) {
      Node n = nodes.get(idx);
      List<int[]> in = new ArrayList<>();
      List<Shape> inShapes = new ArrayList<>();
      for (String name : n.inputs()) {
        in.add(values.get(name));
        inShapes.add(shapes.get(name));
      }
      values.put(n.name(), evaluate(n, in, inShapes, shapes.get(n.name())));
      if (!keepAll) {
        for (String name : n.inputs()) {
          if (lastUse.get(name) == idx && !graph.outputs().contains(name)) {
            values.remove(name);   // frees big early tensors during ResNet-50 runs
          }
        }
      }
    }
    return values;
  }

  private Map<String, Integer> lastUses() {
    Map<String, Integer> last = new LinkedHashMap<>();
    List<Node> nodes = graph.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      for (String in : nodes.get(i).inputs()) {
        last.put(in, i);
      }
    }
    return last;
  }

  private int[] evaluate(Node n, List<int[]> in, List<Shape> inShapes, Shape out) {
    QLayer ql = q.layer(n.name());
    Layer l = n.layer();
    int[] x = in.get(0);
    Shape s = inShapes.get(0);
    if (ql instanceof QConv || ql instanceof QFullyConnected) {
      return convs.get(n.name()).run(x);
    }
    if (ql instanceof QAdd a) {
      return Int8Kernels.add(a, x, in.get(1), vector);
    }
    if (ql instanceof QConcat c) {
      return Int8Kernels.concat(c.inputs().toArray(new Requant[0]), inShapes.toArray(new Shape[0]),
          in.toArray(new int[0][]), out);
    }
    if (ql instanceof QAvgPool p) {
      return Int8Kernels.avgPool(p, s, x, out);
    }
    if (ql instanceof QGlobalAvgPool g) {
      return Int8Kernels.globalAvgPool(g.requant(), s, x);
    }
    if (ql instanceof QClamp c) {
      return Int8Kernels.clamp(c.clamp(), x);
    }
    if (ql instanceof QMove) {
      if (l instanceof MaxPool p) {
        return Int8Kernels.maxPool(p, s, x, out);
      }
      if (l instanceof ChannelShuffle cs) {
        return Int8Kernels.permuteChannels(cs.permutation(s.c()), x);
      }
      if (l instanceof InsideShuffle is) {
        return Int8Kernels.permuteChannels(is.permutation(s.c()), x);
      }
      if (l instanceof Flatten) {
        return x.clone();
      }
      if (l instanceof ChannelRange r) {
        return Int8Kernels.selectChannels(r.source(), s.c(), x);
      }
    }
    throw new IllegalStateException("no int8 kernel for node '" + n.name() + "' (" + l.op() + ")");
  }
}
