package org.shardwire.model.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Map;

/** QuantizeLinear/DequantizeLinear conformance cases through the project's integer rules. */
final class QuantConformance {
  private QuantConformance() {}

  static Map<String, float[]> run(ModelProto model, Map<String, OnnxTensor> inputs) {
    throw new AssertionError("integer path not wired yet");
  }
}
