package org.shardwire.model.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shardwire.golden.Int8Inference;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.GraphInput;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.quant.Quantizer;

/**
 * QuantizeLinear/DequantizeLinear conformance cases through the project's integer path: the case
 * is imported (a graph with no layers: Q/DQ carry real values), quantized with the case's scale as
 * the input scale, and run by the int8 golden model. QuantizeLinear = the golden model's input
 * quantizer (clamp(round(x / S), -128, 127)); DequantizeLinear = its output dequantizer (S * q).
 * The project's int8 is symmetric: a uint8 zero point must be 128 (uint8 q = int8 q + 128), an
 * int8 one 0; any other zero point is refused (those cases are excluded, with that reason).
 */
final class QuantConformance {
  private QuantConformance() {}

  static Map<String, float[]> run(ModelProto model, Map<String, OnnxTensor> inputs) {
    NodeProto node = model.getGraph().getNode(0);
    Map<String, OnnxTensor> init = new LinkedHashMap<>();
    for (TensorProto t : model.getGraph().getInitializerList()) {
      init.put(t.getName(), OnnxTensor.decode(t, "initializer"));
    }
    OnnxTensor scale = init.get(node.getInput(1));
    OnnxTensor zero = node.getInputCount() > 2 ? init.get(node.getInput(2)) : null;
    if (scale.size() != 1 || (zero != null && zero.size() != 1)) {
      throw new AssertionError("per-axis scales or zero points: not symmetric per-tensor int8");
    }
    ElementType qType = zero == null ? ElementType.UINT8 : zero.type();
    long offset = qType == ElementType.UINT8 ? 128 : 0;
    if (zero != null && zero.get(0) != offset) {
      throw new AssertionError("zero point " + zero.get(0) + " of " + qType + ": the project's int8 is symmetric");
    }
    ImportedModel m = OnnxImporter.importModel(model, "quant", "quant.onnx");
    GraphInput gi = m.graph().inputs().get(0);
    ValueBinding in = m.inputs().get(0);
    ValueBinding out = m.outputs().get(0);
    QuantizedGraph q = Quantizer.quantize(m.graph(), Map.of(gi.name(), scale.get(0)));
    Int8Inference golden = new Int8Inference(q);
    Map<String, float[]> result = new LinkedHashMap<>();
    if (node.getOpType().equals("QuantizeLinear")) {
      float[] x = in.layout().toIr(inputs.get(in.onnxName()).asFloats());
      Int8Tensor y = golden.run(q.quantizeInput(FloatTensor.activation(gi.shape(), x)));
      float[] ir = new float[y.size()];
      for (int i = 0; i < ir.length; i++) {
        ir[i] = y.get(i) + offset;
      }
      result.put(out.onnxName(), out.layout().toOnnx(ir));
    } else {
      long[] x = in.layout().toIr(inputs.get(in.onnxName()).asLongs("DequantizeLinear input"));
      byte[] b = new byte[x.length];
      for (int i = 0; i < x.length; i++) {
        long v = x[i] - offset;
        if (v < -128 || v > 127) {
          throw new AssertionError("value " + x[i] + " is outside the int8 range after removing the zero point");
        }
        b[i] = (byte) v;
      }
      Int8Tensor y = golden.run(Int8Tensor.activation(gi.shape(), b));
      result.put(out.onnxName(), out.layout().toOnnx(q.dequantize(out.irTensor(), y).data()));
    }
    return result;
  }
}
