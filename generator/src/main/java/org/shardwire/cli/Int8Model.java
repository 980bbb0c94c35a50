package org.shardwire.cli;

import java.nio.file.Files;
import org.shardwire.golden.Quantization;
import org.shardwire.model.ImageInput;
import org.shardwire.model.Graph;
import org.shardwire.quant.QuantizedGraph;

/**
 * The int8 network every hardware command works on: the model the options name, BatchNorm folded
 * and activations fused, calibrated on the pictures of {@code --calibration DIR} or else on
 * {@link Quantization#DEFAULT_CALIBRATION_IMAGES} seeded images drawn with the model's own seed.
 * One rule, so plan, generate and simulate agree.
 */
final class Int8Model {
  private Int8Model() {}

  static QuantizedGraph load(ModelOptions options) {
    Graph g = options.load();
    if (options.calibration == null) {
      return Quantization.quantize(g, options.seed);
    }
    if (!Files.isDirectory(options.calibration)) {
      throw new UserInputException("--calibration " + options.calibration + ": not a folder of pictures");
    }
    try {
      return Quantization.quantize(g, ImageInput.readFolder(options.calibration, g.inputShape()));
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--calibration " + e.getMessage(), e);
    }
  }
}
