package org.shardwire.model;

import java.util.List;

/** Mean over all H x W positions per channel; the output is 1x1xC. */
public record GlobalAvgPool() implements Layer {
  @Override
  public String op() {
    return "GlobalAvgPool";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 1);
    return Shape.vector(inputs.get(0).c());
  }
}
