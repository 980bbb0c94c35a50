package org.shardwire.model.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an ONNX model in ONNX Runtime (float inputs and outputs), the independent reference of the cross-checks. */
final class OrtRunner implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  OrtRunner(byte[] model, int threads) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads);
    options.setInterOpNumThreads(1);
    options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
    session = env.createSession(model, options);
  }

  OrtRunner(byte[] model) throws OrtException {
    this(model, 2);
  }

  /** Inputs by name as (row-major data, dims); returns every output as row-major data. */
  Map<String, float[]> run(Map<String, float[]> data, Map<String, long[]> dims) throws OrtException {
    Map<String, ai.onnxruntime.OnnxTensor> in = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, float[]> e : data.entrySet()) {
        in.put(e.getKey(), ai.onnxruntime.OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()),
            dims.get(e.getKey())));
      }
      Map<String, float[]> out = new LinkedHashMap<>();
      try (OrtSession.Result r = session.run(in)) {
        for (Map.Entry<String, OnnxValue> e : r) {
          ai.onnxruntime.OnnxTensor t = (ai.onnxruntime.OnnxTensor) e.getValue();
          FloatBuffer fb = t.getFloatBuffer();
          float[] v = new float[fb.remaining()];
          fb.get(v);
          out.put(e.getKey(), v);
        }
      }
      return out;
    } finally {
      for (OnnxTensor t : in.values()) {
        t.close();
      }
    }
  }

  float[] runSingle(String input, float[] data, long... dims) throws OrtException {
    Map<String, float[]> out = run(Map.of(input, data), Map.of(input, dims));
    return out.values().iterator().next();
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }

  static long[] longs(int[] d) {
    return Arrays.stream(d).asLongStream().toArray();
  }
}
