package org.shardwire.cli;

import org.shardwire.golden.Quantization;
import org.shardwire.model.Graph;
import org.shardwire.quant.QuantizedGraph;

/**
 * The int8 network every hardware command works on: the model the options name, BatchNorm folded
 * and activations fused, calibrated on {@link Quantization#DEFAULT_CALIBRATION_IMAGES} seeded
 * images drawn with the model's own seed. One rule, so plan, generate and simulate agree.
 */
final class Int8Model {
  private Int8Model() {}

  static QuantizedGraph load(ModelOptions options) {
    Graph g = options.load();
    return Quantization.quantize(g, options.seed);
  }
}
