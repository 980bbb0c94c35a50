package org.shardwire.model;

import java.util.Objects;

/** A named input tensor of the graph (the image). */
public record GraphInput(String name, Shape shape) {
  public GraphInput {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("graph input name must not be blank");
    }
    Objects.requireNonNull(shape, "shape of graph input '" + name + "'");
  }
}
