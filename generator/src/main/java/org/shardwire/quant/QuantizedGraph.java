package org.shardwire.quant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.Node;
import org.shardwire.model.Shape;

/**
 * An int8 network: the float graph it came from (after folding BatchNorm and fusing activations;
 * it gives the structure, names, shapes and geometry), the scale of every tensor, and the integer
 * parameters of every node ({@link QLayer}: int8 weights, int32 biases, requantizers M and s,
 * clamp bounds). docs/numerics.md defines what the numbers mean.
 */
public record QuantizedGraph(Graph graph, Map<String, Double> scales, Map<String, QLayer> layers) {
  public QuantizedGraph {
    scales = Collections.unmodifiableMap(new LinkedHashMap<>(scales));
    layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    for (String tensor : graph.shapes().keySet()) {
      Double s = scales.get(tensor);
      if (s == null || !(s > 0) || s.isInfinite()) {
        throw new IllegalArgumentException("quantized graph '" + graph.name() + "': tensor '" + tensor
            + "' needs a positive scale, got " + s);
      }
    }
    for (Node n : graph.nodes()) {
      if (!layers.containsKey(n.name())) {
        throw new IllegalArgumentException("quantized graph '" + graph.name() + "': node '" + n.name()
            + "' has no int8 parameters");
      }
    }
  }

  public double scale(String tensor) {
    Double s = scales.get(tensor);
    if (s == null) {
      throw new IllegalArgumentException("quantized graph '" + graph.name() + "' has no tensor '" + tensor + "'");
    }
    return s;
  }

  public QLayer layer(String node) {
    QLayer l = layers.get(node);
    if (l == null) {
      throw new IllegalArgumentException("quantized graph '" + graph.name() + "' has no node '" + node + "'");
    }
    return l;
  }

  /** The int8 parameters of a conv node (for the hardware generator). */
  public QConv conv(String node) {
    QLayer l = layer(node);
    if (!(l instanceof QConv c)) {
      throw new IllegalArgumentException("node '" + node + "' is not a conv");
    }
    return c;
  }

  public QFullyConnected fullyConnected(String node) {
    QLayer l = layer(node);
    if (!(l instanceof QFullyConnected f)) {
      throw new IllegalArgumentException("node '" + node + "' is not a fully connected layer");
    }
    return f;
  }

  /** Quantizes a float input image with the input's scale: clamp(round(x / S), -128, 127). */
  public Int8Tensor quantizeInput(FloatTensor x) {
    String name = graph.inputs().get(0).name();
    Shape shape = graph.inputs().get(0).shape();
    if (x.rank() != 3 || !x.shape().equals(shape)) {
      throw new IllegalArgumentException("input '" + name + "' must have shape " + shape + ", got " + x.dimsString());
    }
    return Int8Tensor.activation(shape, Quantize.toInt8(x.data(), scale(name), -128));
  }

  /** The real values an int8 tensor stands for: S * q. */
  public FloatTensor dequantize(String tensor, Int8Tensor q) {
    double s = scale(tensor);
    float[] r = new float[q.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) (s * q.get(i));
    }
    return new FloatTensor(q.dims(), r);
  }
}
