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

  /**
   * A deterministic smooth synthetic image in [-1, 1], H x W x C in NHWC order: a colour gradient
   * plus a few soft blobs. Camera images are spatially smooth; white noise is far outside what an
   * image model (BlazeFace) was trained on and drives some of its filters to extreme values.
   */
  static float[] smoothImage(long seed, int h, int w, int c) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    float[] v = new float[h * w * c];
    int blobs = 6;
    double[][] blob = new double[blobs][];
    for (int b = 0; b < blobs; b++) {
      blob[b] = new double[] {r.nextDouble() * h, r.nextDouble() * w, (0.05 + 0.2 * r.nextDouble()) * Math.min(h, w),
          r.nextDouble() * 2 - 1, r.nextDouble() * 2 - 1, r.nextDouble() * 2 - 1};
    }
    double[] gradient = {r.nextDouble() - 0.5, r.nextDouble() - 0.5, r.nextDouble() - 0.5};
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          double val = gradient[ch % 3] * ((double) y / h + (double) x / w - 1);
          for (double[] b : blob) {
            double d2 = ((y - b[0]) * (y - b[0]) + (x - b[1]) * (x - b[1])) / (b[2] * b[2]);
            val += b[3 + ch % 3] * Math.exp(-d2);
          }
          v[(y * w + x) * c + ch] = (float) Math.max(-1, Math.min(1, val));
        }
      }
    }
    return v;
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
