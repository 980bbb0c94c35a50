package org.shardwire.model.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.golden.FloatInference;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.GraphInput;

/**
 * The ONNX-layout adapter of the tests: feeds ONNX-ordered tensors (any rank, NCHW, NHWC, batch > 1
 * folded into H) to the golden model's float path through the importer's bindings, and returns
 * the outputs in ONNX order again, so they compare element by element with ONNX Runtime or the
 * conformance test data.
 */
final class OnnxAdapter {
  private OnnxAdapter() {}

  static Map<String, float[]> runFloat(ImportedModel m, Map<String, float[]> onnxInputs) {
    List<FloatTensor> inputs = new ArrayList<>();
    for (GraphInput gi : m.graph().inputs()) {
      ValueBinding b = bindingOf(m, gi.name());
      float[] data = onnxInputs.get(b.onnxName());
      if (data == null) {
        throw new IllegalArgumentException("no data for ONNX input '" + b.onnxName() + "'");
      }
      inputs.add(FloatTensor.activation(gi.shape(), b.layout().toIr(data)));
    }
    Map<String, FloatTensor> trace = new FloatInference(m.graph()).trace(inputs.toArray(new FloatTensor[0]));
    Map<String, float[]> out = new LinkedHashMap<>();
    for (ValueBinding b : m.outputs()) {
      out.put(b.onnxName(), b.layout().toOnnx(trace.get(b.irTensor()).data()));
    }
    return out;
  }

  private static ValueBinding bindingOf(ImportedModel m, String irInput) {
    for (ValueBinding b : m.inputs()) {
      if (b.irTensor().equals(irInput)) {
        return b;
      }
    }
    throw new IllegalStateException("IR input '" + irInput + "' has no ONNX binding");
  }

  /** Deterministic pseudo-random data in [lo, hi). */
  static float[] random(long seed, int n, float lo, float hi) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return v;
  }
}
