package org.shardwire.model;

import java.util.List;
import java.util.Objects;

/** Elementwise sum of two tensors of the same shape (residual connections), with a fused activation. */
public record Add(Activation activation) implements Layer {
  public Add {
    Objects.requireNonNull(activation, "activation");
  }

  public static Add plain() {
    return new Add(Activation.NONE);
  }

  public Add withActivation(Activation newActivation) {
    return new Add(newActivation);
  }

  @Override
  public String op() {
    return "Add";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 2);
    if (!inputs.get(0).equals(inputs.get(1))) {
      throw GraphException.at(node, this, "inputs must have the same shape, got " + inputs.get(0) + " and "
          + inputs.get(1));
    }
    return inputs.get(0);
  }

  @Override
  public String attributes() {
    return activation.label();
  }
}
