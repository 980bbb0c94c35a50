package org.shardwire.model;

import java.util.List;

/** min(max(x, min), max) elementwise; ReLU6 is Clip(0, 6). */
public record Clip(float min, float max) implements Layer {
  public Clip {
    new Activation(min, max); // validates min < max with the shared message
  }

  public static Clip relu6() {
    return new Clip(0f, 6f);
  }

  public Activation asActivation() {
    return new Activation(min, max);
  }

  @Override
  public String op() {
    return "Clip";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 1);
    return inputs.get(0);
  }

  @Override
  public String attributes() {
    return asActivation().label();
  }
}
