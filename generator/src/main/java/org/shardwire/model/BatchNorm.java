package org.shardwire.model;

import java.util.List;
import java.util.Objects;

/**
 * Inference-mode batch normalisation per channel:
 * y = gamma * (x - mean) / sqrt(variance + epsilon) + beta.
 */
public record BatchNorm(FloatTensor gamma, FloatTensor beta, FloatTensor mean, FloatTensor variance, float epsilon)
    implements Layer {
  public BatchNorm {
    Objects.requireNonNull(gamma, "gamma");
    int c = gamma.size();
    for (FloatTensor t : List.of(gamma, Objects.requireNonNull(beta, "beta"), Objects.requireNonNull(mean, "mean"),
        Objects.requireNonNull(variance, "variance"))) {
      if (t.rank() != 1 || t.size() != c) {
        throw new IllegalArgumentException("batch norm parameters must all be vectors of " + c
            + " values, got dimensions " + t.dimsString());
      }
    }
    if (!(epsilon >= 0)) {
      throw new IllegalArgumentException("batch norm epsilon must be >= 0, got " + epsilon);
    }
    for (int i = 0; i < c; i++) {
      if (!(variance.get(i) + epsilon > 0)) {
        throw new IllegalArgumentException("batch norm variance + epsilon must be > 0, channel " + i + " has "
            + variance.get(i) + " + " + epsilon);
      }
    }
  }

  public int channels() {
    return gamma.size();
  }

  /** gamma / sqrt(variance + epsilon) for channel {@code c}, the multiplier BN applies. */
  public double scale(int c) {
    return gamma.get(c) / Math.sqrt((double) variance.get(c) + epsilon);
  }

  /** beta - mean * scale for channel {@code c}, the offset BN adds after scaling. */
  public double shift(int c) {
    return beta.get(c) - mean.get(c) * scale(c);
  }

  @Override
  public String op() {
    return "BatchNorm";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 1);
    Shape in = inputs.get(0);
    if (in.c() != channels()) {
      throw GraphException.at(node, this, "input has shape " + in + " but the parameters have " + channels()
          + " channels");
    }
    return in;
  }

  @Override
  public long params() {
    return 2L * channels();
  }
}
