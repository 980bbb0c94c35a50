package org.shardwire.model;

import java.util.List;

/** max(x, 0) elementwise. */
public record Relu() implements Layer {
  @Override
  public String op() {
    return "Relu";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 1);
    return inputs.get(0);
  }

  /** The clamp this layer applies, for fusing into the producer. */
  public Activation asActivation() {
    return Activation.RELU;
  }
}
