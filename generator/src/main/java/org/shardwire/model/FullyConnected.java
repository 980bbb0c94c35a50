package org.shardwire.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fully connected layer: out[o] = bias[o] + sum_i weights[o][i] * in[i], where {@code in} is the
 * whole input tensor flattened in NHWC order (channels innermost). Weights are [out, in].
 * The output is a 1x1xout vector.
 */
public record FullyConnected(FloatTensor weights, Optional<FloatTensor> bias, Activation activation) implements Layer {
  public FullyConnected {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(bias, "bias");
    Objects.requireNonNull(activation, "activation");
    if (weights.rank() != 2) {
      throw new IllegalArgumentException("fully connected weights must be [out, in], got dimensions "
          + weights.dimsString());
    }
    if (bias.isPresent() && (bias.get().rank() != 1 || bias.get().dim(0) != weights.dim(0))) {
      throw new IllegalArgumentException("fully connected bias must have " + weights.dim(0)
          + " values, got dimensions " + bias.get().dimsString());
    }
  }

  public int outFeatures() {
    return weights.dim(0);
  }

  public int inFeatures() {
    return weights.dim(1);
  }

  public FullyConnected withActivation(Activation newActivation) {
    return new FullyConnected(weights, bias, newActivation);
  }

  @Override
  public String op() {
    return "FC";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 1);
    Shape in = inputs.get(0);
    if (in.elements() != inFeatures()) {
      throw GraphException.at(node, this, "input has shape " + in + " (" + in.elements()
          + " values) but the weights " + weights.dimsString() + " expect " + inFeatures() + " inputs");
    }
    return Shape.vector(outFeatures());
  }

  @Override
  public long macs(List<Shape> inputs, Shape output) {
    return (long) outFeatures() * inFeatures();
  }

  @Override
  public long params() {
    return weights.size() + bias.map(FloatTensor::size).orElse(0);
  }

  @Override
  public String attributes() {
    String s = bias.isPresent() ? "bias" : "";
    return activation.isNone() ? s : (s + " " + activation.label()).strip();
  }
}
