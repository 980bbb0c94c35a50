package org.shardwire.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects inputs, nodes and outputs, then builds (and so validates) a {@link Graph}. A helper
 * for code that constructs graphs (zoo, importers, tests); the graph itself is immutable.
 */
public final class GraphBuilder {
  private final String name;
  private final List<GraphInput> inputs = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();

  public GraphBuilder(String name) {
    this.name = name;
  }

  public String input(String inputName, Shape shape) {
    inputs.add(new GraphInput(inputName, shape));
    return inputName;
  }

  /** Adds a node and returns its name (the name of the tensor it produces). */
  public String add(String nodeName, Layer layer, String... nodeInputs) {
    nodes.add(new Node(nodeName, layer, List.of(nodeInputs)));
    return nodeName;
  }

  public GraphBuilder output(String tensor) {
    outputs.add(tensor);
    return this;
  }

  public Graph build() {
    return new Graph(name, inputs, nodes, outputs);
  }
}
