package org.shardwire.model;

import java.util.List;

/** HxWxC to 1x1x(H*W*C) in NHWC order; values do not move. */
public record Flatten() implements Layer {
  @Override
  public String op() {
    return "Flatten";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 1);
    long n = inputs.get(0).elements();
    if (n > Integer.MAX_VALUE) {
      throw GraphException.at(node, this, "input " + inputs.get(0) + " has too many values to flatten");
    }
    return Shape.vector((int) n);
  }
}
