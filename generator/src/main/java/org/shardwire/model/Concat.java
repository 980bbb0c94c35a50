package org.shardwire.model;

import java.util.List;

/** Concatenation along channels: input 0's channels first. All inputs share H and W. */
public record Concat() implements Layer {
  @Override
  public String op() {
    return "Concat";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    if (inputs.size() < 2) {
      throw GraphException.at(node, this, "takes at least 2 inputs, got " + inputs.size());
    }
    Shape first = inputs.get(0);
    int channels = 0;
    for (Shape s : inputs) {
      if (s.h() != first.h() || s.w() != first.w()) {
        throw GraphException.at(node, this, "inputs must have the same height and width, got " + first + " and " + s);
      }
      channels += s.c();
    }
    return new Shape(first.h(), first.w(), channels);
  }
}
