package org.shardwire.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.UnaryOperator;

/**
 * A CNN as a DAG of named nodes. The constructor checks everything a graph needs to be usable:
 * unique names, every input name defined, no cycles, every output defined, and shape inference
 * (a mismatch throws {@link GraphException} naming the layer and both shapes). Nodes are kept in a
 * deterministic topological order: the given order where it is already topological, otherwise
 * each node is placed as early as its inputs allow, ties broken by the given order.
 */
public record Graph(String name, List<GraphInput> inputs, List<Node> nodes, List<String> outputs) {
  public Graph {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("graph name must not be blank");
    }
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    if (inputs.isEmpty()) {
      throw new GraphException("graph '" + name + "' has no inputs");
    }
    if (outputs.isEmpty()) {
      throw new GraphException("graph '" + name + "' has no outputs");
    }
    nodes = topologicalOrder(name, inputs, nodes);
    Map<String, Shape> shapes = inferShapes(inputs, nodes);
    for (String out : outputs) {
      if (!shapes.containsKey(out)) {
        throw new GraphException("graph '" + name + "': output '" + out + "' is not a node or input of the graph");
      }
    }
  }

  /** The shape of every tensor (graph inputs first, then nodes in topological order). */
  public Map<String, Shape> shapes() {
    return Collections.unmodifiableMap(inferShapes(inputs, nodes));
  }

  public Shape shape(String tensor) {
    Shape s = shapes().get(tensor);
    if (s == null) {
      throw new IllegalArgumentException("graph '" + name + "' has no tensor named '" + tensor + "'");
    }
    return s;
  }

  public Shape inputShape() {
    return inputs.get(0).shape();
  }

  public Node node(String nodeName) {
    for (Node n : nodes) {
      if (n.name().equals(nodeName)) {
        return n;
      }
    }
    throw new IllegalArgumentException("graph '" + name + "' has no node named '" + nodeName + "'");
  }

  public boolean isInput(String tensor) {
    for (GraphInput in : inputs) {
      if (in.name().equals(tensor)) {
        return true;
      }
    }
    return false;
  }

  /** The nodes that read {@code tensor}, in topological order (a node reading it twice appears once). */
  public List<Node> consumers(String tensor) {
    List<Node> result = new ArrayList<>();
    for (Node n : nodes) {
      if (n.inputs().contains(tensor)) {
        result.add(n);
      }
    }
    return result;
  }

  /** One row per node: op, output shape, MACs, params. */
  public List<LayerStats> stats() {
    Map<String, Shape> shapes = inferShapes(inputs, nodes);
    List<LayerStats> rows = new ArrayList<>();
    for (Node n : nodes) {
      List<Shape> in = inputShapes(n, shapes);
      Shape out = shapes.get(n.name());
      rows.add(new LayerStats(n.name(), n.layer().op(), n.layer().attributes(), n.inputs(), out,
          n.layer().macs(in, out), n.layer().params()));
    }
    return rows;
  }

  public long totalMacs() {
    return stats().stream().mapToLong(LayerStats::macs).sum();
  }

  public long totalParams() {
    return stats().stream().mapToLong(LayerStats::params).sum();
  }

  public Graph withNodes(List<Node> newNodes) {
    return new Graph(name, inputs, newNodes, outputs);
  }

  public Graph withName(String newName) {
    return new Graph(newName, inputs, nodes, outputs);
  }

  /** Applies passes in order. */
  @SafeVarargs
  public final Graph apply(UnaryOperator<Graph>... passes) {
    Graph g = this;
    for (UnaryOperator<Graph> p : passes) {
      g = p.apply(g);
    }
    return g;
  }

  private static List<Shape> inputShapes(Node n, Map<String, Shape> shapes) {
    List<Shape> in = new ArrayList<>(n.inputs().size());
    for (String i : n.inputs()) {
      in.add(shapes.get(i));
    }
    return in;
  }

  private static Map<String, Shape> inferShapes(List<GraphInput> inputs, List<Node> nodes) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (GraphInput in : inputs) {
      shapes.put(in.name(), in.shape());
    }
    for (Node n : nodes) {
      shapes.put(n.name(), n.layer().outputShape(n.name(), inputShapes(n, shapes)));
    }
    return shapes;
  }

  private static List<Node> topologicalOrder(String graph, List<GraphInput> inputs, List<Node> given) {
    Map<String, Integer> index = new HashMap<>();
    for (GraphInput in : inputs) {
      if (index.put(in.name(), -1) != null) {
        throw new GraphException("graph '" + graph + "': input name '" + in.name() + "' is used twice");
      }
    }
    for (int i = 0; i < given.size(); i++) {
      Node n = given.get(i);
      if (index.put(n.name(), i) != null) {
        throw new GraphException("graph '" + graph + "': name '" + n.name() + "' is used by more than one node or input");
      }
    }
    int[] pending = new int[given.size()];
    List<List<Integer>> readers = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      readers.add(new ArrayList<>());
    }
    for (int i = 0; i < given.size(); i++) {
      Node n = given.get(i);
      for (String in : n.inputs()) {
        Integer src = index.get(in);
        if (src == null) {
          throw new GraphException("layer '" + n.name() + "' (" + n.layer().op() + "): input '" + in
              + "' is not a node or input of graph '" + graph + "'");
        }
        if (src >= 0) {
          pending[i]++;
          readers.get(src).add(i);
        }
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < given.size(); i++) {
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    List<Node> order = new ArrayList<>(given.size());
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(given.get(i));
      for (int r : readers.get(i)) {
        if (--pending[r] == 0) {
          ready.add(r);
        }
      }
    }
    if (order.size() != given.size()) {
      List<String> stuck = new ArrayList<>();
      for (int i = 0; i < given.size(); i++) {
        if (pending[i] > 0) {
          stuck.add(given.get(i).name());
        }
      }
      throw new GraphException("graph '" + graph + "' has a cycle through " + stuck);
    }
    return List.copyOf(order);
  }
}
