package org.shardwire.blocks.engines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.golden.Int8Inference;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.Layer;
import org.shardwire.model.Shape;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QLayer;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.quant.Quantizer;

/**
 * One layer as a quantized graph with chosen tensor scales: the quantizer computes its integer
 * constants (docs/numerics.md) and the golden model computes its outputs.
 */
public record SingleLayer(QuantizedGraph quantized, String node) {
  public static final String NODE = "layer";

  /** @param inputScales one per input; the output gets {@code outputScale} */
  public static SingleLayer of(Layer layer, List<Shape> inputShapes, List<Double> inputScales, double outputScale) {
    GraphBuilder b = new GraphBuilder("single-" + layer.op());
    List<String> names = new ArrayList<>();
    Map<String, Double> scales = new LinkedHashMap<>();
    for (int i = 0; i < inputShapes.size(); i++) {
      String name = "in" + i;
      names.add(b.input(name, inputShapes.get(i)));
      scales.put(name, inputScales.get(i));
    }
    b.add(NODE, layer, names.toArray(new String[0]));
    b.output(NODE);
    Graph g = b.build();
    scales.put(NODE, outputScale);
    return new SingleLayer(Quantizer.quantize(g, scales), NODE);
  }

  public QLayer layer() {
    return quantized.layer(node);
  }

  public Shape outputShape() {
    return quantized.graph().shape(node);
  }

  /** The golden output for one frame of inputs. */
  public Int8Tensor run(List<Int8Tensor> inputs) {
    return new Int8Inference(quantized).trace(inputs.toArray(new Int8Tensor[0])).get(node);
  }
}
