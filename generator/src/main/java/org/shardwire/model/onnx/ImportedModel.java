package org.shardwire.model.onnx;

import java.util.List;
import org.shardwire.model.Graph;

/** The result of importing an ONNX model: the IR graph plus how its inputs and outputs map to ONNX's. */
public record ImportedModel(Graph graph, List<ValueBinding> inputs, List<ValueBinding> outputs) {
  public ImportedModel {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  public ValueBinding input(String onnxName) {
    return find(inputs, onnxName);
  }

  public ValueBinding output(String onnxName) {
    return find(outputs, onnxName);
  }

  private static ValueBinding find(List<ValueBinding> list, String name) {
    for (ValueBinding b : list) {
      if (b.onnxName().equals(name)) {
        return b;
      }
    }
    throw new IllegalArgumentException("no ONNX value named '" + name + "' among " + list.stream()
        .map(ValueBinding::onnxName).toList());
  }
}
