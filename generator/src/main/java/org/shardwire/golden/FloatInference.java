package org.shardwire.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.model.Add;
import org.shardwire.model.AvgPool;
import org.shardwire.model.BatchNorm;
import org.shardwire.model.ChannelRange;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Clip;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.Flatten;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphInput;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Node;
import org.shardwire.model.Relu;
import org.shardwire.model.Shape;

/**
 * Float inference of a float graph, the reference the int8 golden model is measured against and
 * the path that is cross-checked with ONNX Runtime. Weights are taken out of the graph once, at
 * construction; {@link #run} and {@link #trace} may then be called for many inputs.
 */
public final class FloatInference {
  private final Graph graph;
  private final Map<String, Shape> shapes;
  private final Map<String, Object> params = new LinkedHashMap<>();

  /** With the fastest engine this JVM offers ({@link ConvEngine#AUTO}). */
  public FloatInference(Graph graph) {
    this(graph, ConvEngine.AUTO);
  }

  /**
   * SCALAR sums every conv in double, in kernel order; VECTOR sums in float with fused multiply-adds
   * (differences in the last bits, well inside the 1e-4 the float path is checked to).
   */
  public FloatInference(Graph graph, ConvEngine engine) {
    this.graph = graph;
    this.shapes = graph.shapes();
    boolean vector = engine.resolve() == ConvEngine.VECTOR;
    for (Node n : graph.nodes()) {
      Shape in = shapes.get(n.inputs().get(0));
      if (n.layer() instanceof Conv c) {
        FloatKernels.ConvParams p = FloatKernels.ConvParams.of(c);
        params.put(n.name(), vector && !c.isDepthwise()
            ? new FloatConvKernel(c, in, shapes.get(n.name()), p.weights(), p.bias()) : p);
      } else if (n.layer() instanceof FullyConnected fc) {
        float[] w = fc.weights().data();
        float[] b = fc.bias().map(FloatTensor::data).orElse(new float[fc.outFeatures()]);
        params.put(n.name(), vector ? FloatConvKernel.fullyConnected(in, fc.outFeatures(), w, b, fc.activation())
            : new float[][] {w, b});
      }
    }
  }

  public Graph graph() {
    return graph;
  }

  /** The first graph output for a single-input graph. */
  public FloatTensor run(FloatTensor input) {
    Map<String, float[]> values = execute(List.of(input));
    String out = graph.outputs().get(0);
    return FloatTensor.activation(shapes.get(out), values.get(out));
  }

  /** Every tensor by name: graph inputs, then every node in topological order. */
  public Map<String, FloatTensor> trace(FloatTensor... inputs) {
    Map<String, float[]> values = execute(List.of(inputs));
    Map<String, FloatTensor> result = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      result.put(e.getKey(), FloatTensor.activation(shapes.get(e.getKey()), e.getValue()));
    }
    return result;
  }

  private Map<String, float[]> execute(List<FloatTensor> inputs) {
    if (inputs.size() != graph.inputs().size()) {
      throw new IllegalArgumentException("graph '" + graph.name() + "' takes " + graph.inputs().size()
          + " input(s), got " + inputs.size());
    }
    Map<String, float[]> values = new LinkedHashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      GraphInput gi = graph.inputs().get(i);
      FloatTensor t = inputs.get(i);
      if (t.rank() != 3 || !t.shape().equals(gi.shape())) {
        throw new IllegalArgumentException("input '" + gi.name() + "' must have shape " + gi.shape() + ", got "
            + t.dimsString());
      }
      values.put(gi.name(), t.data());
    }
    for (Node n : graph.nodes()) {
      List<float[]> in = new ArrayList<>();
      List<Shape> inShapes = new ArrayList<>();
      for (String name : n.inputs()) {
        in.add(values.get(name));
        inShapes.add(shapes.get(name));
      }
      values.put(n.name(), evaluate(n, in, inShapes, shapes.get(n.name())));
    }
    return values;
  }

  private float[] evaluate(Node n, List<float[]> in, List<Shape> inShapes, Shape out) {
    Layer l = n.layer();
    float[] x = in.get(0);
    Shape s = inShapes.get(0);
    Object prepared = params.get(n.name());
    if (prepared instanceof FloatConvKernel fast) {
      return fast.run(x);
    }
    if (l instanceof Conv) {
      return FloatKernels.conv((FloatKernels.ConvParams) prepared, s, x, out);
    }
    if (l instanceof FullyConnected fc) {
      float[][] wb = (float[][]) prepared;
      return FloatKernels.fullyConnected(fc, wb[0], wb[1], x);
    }
    if (l instanceof BatchNorm bn) {
      return FloatKernels.batchNorm(bn, x);
    }
    if (l instanceof Relu r) {
      return FloatKernels.clamp(r.asActivation(), x);
    }
    if (l instanceof Clip c) {
      return FloatKernels.clamp(c.asActivation(), x);
    }
    if (l instanceof MaxPool p) {
      return FloatKernels.maxPool(p, s, x, out);
    }
    if (l instanceof AvgPool p) {
      return FloatKernels.avgPool(p, s, x, out);
    }
    if (l instanceof GlobalAvgPool) {
      return FloatKernels.globalAvgPool(s, x);
    }
    if (l instanceof Add a) {
      return FloatKernels.add(a.activation(), x, in.get(1));
    }
    if (l instanceof Concat) {
      return FloatKernels.concat(inShapes.toArray(new Shape[0]), in.toArray(new float[0][]), out);
    }
    if (l instanceof Flatten) {
      return x.clone();
    }
    if (l instanceof ChannelShuffle cs) {
      return FloatKernels.permuteChannels(cs.permutation(s.c()), x);
    }
    if (l instanceof InsideShuffle is) {
      return FloatKernels.permuteChannels(is.permutation(s.c()), x);
    }
    if (l instanceof ChannelRange r) {
      return FloatKernels.selectChannels(r.source(), s.c(), x);
    }
    throw new IllegalStateException("no float kernel for " + l.op());
  }
}
