package org.shardwire.model;

import java.util.List;
import java.util.Objects;

/**
 * One named node of the graph: a layer and the names of the tensors it reads (graph inputs or
 * other nodes). A node's name is also the name of the tensor it produces.
 */
public record Node(String name, Layer layer, List<String> inputs) {
  public Node {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("node name must not be blank");
    }
    Objects.requireNonNull(layer, "layer of node '" + name + "'");
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("node '" + name + "' (" + layer.op() + ") has no inputs");
    }
  }

  public static Node of(String name, Layer layer, String... inputs) {
    return new Node(name, layer, List.of(inputs));
  }

  public Node withLayer(Layer newLayer) {
    return new Node(name, newLayer, inputs);
  }

  public Node withInputs(List<String> newInputs) {
    return new Node(name, layer, newInputs);
  }
}
