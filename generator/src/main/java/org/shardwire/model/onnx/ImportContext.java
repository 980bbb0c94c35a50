package org.shardwire.model.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardwire.model.GraphInput;
import org.shardwire.model.Layer;
import org.shardwire.model.Node;
import org.shardwire.model.Padding;

/**
 * The state of one import: constant tensors (initializers, Constant nodes, folded values),
 * computed values (an IR tensor plus its {@link TensorLayout}) and the IR nodes made so far.
 * Lives only while one model is imported.
 */
final class ImportContext {
  /**
   * A computed ONNX value: the IR tensor holding it and how its ONNX elements sit there.
   * {@code pendingPad} is a zero Pad on H and W not yet applied: the next Conv or AveragePool
   * absorbs it into its own padding (the IR has no Pad layer).
   */
  record Value(String tensor, TensorLayout layout, ElementType type, Padding pendingPad) {
    int[] dims() {
      return layout.onnxDims();
    }

    Value withLayout(TensorLayout l) {
      return new Value(tensor, l, type, pendingPad);
    }
  }

  final long opset;
  private final Map<String, OnnxTensor> constants = new HashMap<>();
  private final Map<String, Value> values = new HashMap<>();
  private final List<Node> nodes = new ArrayList<>();
  private final List<GraphInput> graphInputs = new ArrayList<>();
  private final Set<String> irNames = new HashSet<>();

  ImportContext(long opset) {
    this.opset = opset;
  }

  List<Node> nodes() {
    return nodes;
  }

  List<GraphInput> graphInputs() {
    return graphInputs;
  }

  boolean isConstant(String name) {
    return constants.containsKey(name);
  }

  boolean isValue(String name) {
    return values.containsKey(name);
  }

  boolean isKnown(String name) {
    return isConstant(name) || isValue(name);
  }

  void defineConstant(String name, OnnxTensor t) {
    constants.put(name, t);
  }

  void define(String name, Value v) {
    values.put(name, v);
  }

  Value value(String name) {
    return values.get(name);
  }

  /** Optional input i as a constant, or null when the input is absent. */
  OnnxTensor optionalConstant(OnnxNode node, int i) {
    String name = node.input(i);
    if (name.isEmpty()) {
      return null;
    }
    return constant(node, i);
  }

  /** Input i, which must be a constant (weights, shapes, scales). */
  OnnxTensor constant(OnnxNode node, int i) {
    String name = node.input(i);
    if (name.isEmpty()) {
      throw node.error("input " + i + " is required");
    }
    OnnxTensor t = constants.get(name);
    if (t == null) {
      if (values.containsKey(name)) {
        throw node.error("input " + i + " ('" + name + "') must be a constant (an initializer or Constant node), "
            + "but it is computed at run time; weights and shapes must be known when the hardware is generated");
      }
      throw undefined(node, name);
    }
    return t;
  }

  /** Input i, which must be a computed tensor with no pending Pad. */
  Value activation(OnnxNode node, int i) {
    Value v = activationMaybePadded(node, i);
    if (!v.pendingPad().isNone()) {
      throw node.error("input '" + node.input(i) + "' comes from a spatial Pad (" + v.pendingPad()
          + "); the IR has no Pad layer, so a zero Pad must feed a Conv or AveragePool that absorbs it");
    }
    return v;
  }

  /** Input i, a computed tensor that may carry a pending spatial zero Pad. */
  Value activationMaybePadded(OnnxNode node, int i) {
    String name = node.input(i);
    if (name.isEmpty()) {
      throw node.error("input " + i + " is required");
    }
    Value v = values.get(name);
    if (v == null) {
      if (constants.containsKey(name)) {
        throw node.error("input " + i + " ('" + name + "') is a constant; this op needs a computed tensor "
            + "(constant-only subgraphs other than weights are not supported)");
      }
      throw undefined(node, name);
    }
    return v;
  }

  OnnxImportException undefined(OnnxNode node, String name) {
    return node.error("input '" + name + "' is not produced by an earlier node, an initializer or a graph input"
        + " (nodes must be in topological order; a truncated file can also cause this)");
  }

  /** Adds a graph input to the IR. */
  String addGraphInput(String onnxName, org.shardwire.model.Shape shape) {
    String name = uniqueName(onnxName);
    graphInputs.add(new GraphInput(name, shape));
    return name;
  }

  /**
   * Adds an IR layer named after the ONNX node (plus {@code suffix} when one node makes several
   * layers) and returns the name of the tensor it produces.
   */
  String addLayer(OnnxNode node, String suffix, Layer layer, String... inputs) {
    String base = node.proto().getName().isEmpty() ? node.output(0) : node.proto().getName();
    String name = uniqueName(suffix.isEmpty() ? base : base + "." + suffix);
    nodes.add(new Node(name, layer, Arrays.asList(inputs)));
    return name;
  }

  private String uniqueName(String base) {
    String b = base.isBlank() ? "t" : base;
    String name = b;
    int k = 2;
    while (!irNames.add(name)) {
      name = b + "_" + k++;
    }
    return name;
  }
}
