package org.shardwire.golden;

import java.util.List;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.passes.GraphPass;
import org.shardwire.quant.Calibration;
import org.shardwire.quant.Quantizer;
import org.shardwire.quant.QuantizedGraph;

/**
 * Float graph to int8 graph in one call: fold BatchNorm and fuse activations, calibrate the scales
 * by running the float path on the calibration inputs (max method), quantize. Lives in golden
 * because it runs the float path; the rules themselves are in org.shardwire.quant.
 */
public final class Quantization {
  /** The number of seeded calibration images used when none are given. */
  public static final int DEFAULT_CALIBRATION_IMAGES = 4;

  private Quantization() {}

  /** One calibration image per list element, so the graph must have exactly one input. */
  public static QuantizedGraph quantize(Graph graph, List<FloatTensor> calibrationInputs) {
    if (graph.inputs().size() != 1) {
      throw new IllegalArgumentException("calibration of '" + graph.name() + "' feeds one image per sample, but the"
          + " graph has " + graph.inputs().size() + " inputs");
    }
    if (calibrationInputs.isEmpty()) {
      throw new IllegalArgumentException("calibration of '" + graph.name() + "' needs at least one input image");
    }
    Graph g = GraphPass.optimize(graph);
    FloatInference f = new FloatInference(g);
    Calibration c = new Calibration(g);
    for (FloatTensor x : calibrationInputs) {
      c.observe(f.trace(x));
    }
    return Quantizer.quantize(g, c.scales());
  }

  /** With {@link #DEFAULT_CALIBRATION_IMAGES} seeded U(-1, 1) images (seed {@code seed}). */
  public static QuantizedGraph quantize(Graph graph, long seed) {
    return quantize(graph, Calibration.seededInputs(graph.inputShape(), DEFAULT_CALIBRATION_IMAGES, seed));
  }
}
