package org.shardwire.cli;

import java.nio.file.Path;
import org.shardwire.model.Graph;
import org.shardwire.model.Shape;
import org.shardwire.model.onnx.OnnxImportException;
import org.shardwire.model.onnx.OnnxImporter;
import org.shardwire.model.zoo.ModelZoo;
import picocli.CommandLine.Option;

/**
 * The shared "which network" options ({@code --model NAME} or {@code --onnx FILE}, {@code --input-size},
 * {@code --seed}),
 * a picocli mixin for every command that reads a model: {@code @Mixin ModelOptions model;}.
 */
public final class ModelOptions {
  @Option(names = "--model", paramLabel = "NAME",
      description = "Built-in model (./shardwire model --list shows them), e.g. resnet50, shufflenet-g3.")
  String model;

  @Option(names = "--onnx", paramLabel = "FILE",
      description = "An ONNX model to import instead of a built-in one (docs/onnx.md lists the supported ops).")
  Path onnx;

  @Option(names = "--input-size", paramLabel = "HxW[xC]",
      description = "Input image size for a built-in model (default: the model's own, e.g. 224x224x3).")
  String inputSize;

  @Option(names = "--calibration", paramLabel = "DIR",
      description = "Quantize on these pictures (*.png, *.jpg; resized and scaled as docs/images.md says) instead of "
          + "seeded random images.")
  Path calibration;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the built-in model's weights (default: ${DEFAULT-VALUE}).")
  long seed = ModelZoo.DEFAULT_SEED;

  /** The model the options name; bad input throws {@link UserInputException} (exit 2). */
  public Graph load() {
    if (onnx != null) {
      if (model != null || inputSize != null) {
        throw new UserInputException("--onnx cannot be combined with " + (model != null ? "--model" : "--input-size")
            + ": an ONNX file fixes its network and input shape");
      }
      try {
        return OnnxImporter.importFile(onnx).graph();
      } catch (OnnxImportException e) {
        throw new UserInputException("--onnx " + e.getMessage(), e);
      }
    }
    if (model == null) {
      throw new UserInputException("--model NAME is required (or --onnx FILE); built-in models: "
          + String.join(", ", ModelZoo.names()));
    }
    ModelZoo.Entry entry;
    try {
      entry = ModelZoo.entry(model);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--model: " + e.getMessage(), e);
    }
    Shape input = inputSize == null ? entry.defaultInput() : parseInputSize(inputSize, entry.defaultInput().c());
    return entry.build(input, seed);
  }

  /** A short name for the model, for file names and reports. */
  public String name() {
    if (onnx != null) {
      return onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
    }
    return model;
  }

  /** Larger images make tensors past what the golden model can hold (2^31 values). */
  static final int MAX_INPUT_SIDE = 2048;
  static final int MAX_INPUT_CHANNELS = 64;

  public static Shape parseInputSize(String text, int defaultChannels) {
    String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
    if (parts.length < 2 || parts.length > 3) {
      throw new UserInputException("--input-size '" + text + "': expected HxW or HxWxC, e.g. 224x224 or 32x32x3");
    }
    int[] v = new int[3];
    v[2] = defaultChannels;
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        throw new UserInputException("--input-size '" + text + "': '" + parts[i] + "' is not a whole number");
      }
    }
    if (v[0] <= 0 || v[1] <= 0 || v[2] <= 0) {
      throw new UserInputException("--input-size '" + text + "': the input shape " + v[0] + "x" + v[1] + "x" + v[2]
          + " has a zero or negative dimension; every dimension must be at least 1");
    }
    if (v[0] > MAX_INPUT_SIDE || v[1] > MAX_INPUT_SIDE || v[2] > MAX_INPUT_CHANNELS) {
      throw new UserInputException("--input-size '" + text + "': at most " + MAX_INPUT_SIDE + "x" + MAX_INPUT_SIDE + "x"
          + MAX_INPUT_CHANNELS + " (height and width up to " + MAX_INPUT_SIDE + ", channels up to "
          + MAX_INPUT_CHANNELS + ")");
    }
    return Shape.of(v[0], v[1], v[2]);
  }
}
