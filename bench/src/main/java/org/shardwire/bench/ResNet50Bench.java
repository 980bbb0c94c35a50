package org.shardwire.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.shardwire.golden.Int8Inference;
import org.shardwire.golden.Quantization;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.Shape;
import org.shardwire.model.onnx.OnnxExporter;
import org.shardwire.model.onnx.TensorLayout;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QuantizedGraph;

/**
 * ResNet-50 (zoo, seed 1, 224x224x3): int8 golden model time per frame against ONNX Runtime's float
 * time for the same network and weights (exported with {@link OnnxExporter}), in one run. Each is
 * warmed up over three frames, then timed over 5 frames; the median is reported. Both use the machine's cores
 * (the golden model its own worker threads, ONNX Runtime intra-op threads = core count). The timed
 * frames alternate between the two, so background load on a shared machine hits both alike.
 */
public final class ResNet50Bench {
  private static final int RUNS = 5;
  private static final int WARMUP = 3;

  private ResNet50Bench() {}

  public static void main(String[] args) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    String loadBefore = loadAverage();
    Graph g = ModelZoo.build("resnet50");
    Shape s = g.inputShape();
    FloatTensor image = seededImage(s);

    long q0 = System.nanoTime();
    QuantizedGraph q = Quantization.quantize(g, ModelZoo.DEFAULT_SEED);
    double quantizeSeconds = (System.nanoTime() - q0) / 1e9;
    Int8Inference golden = new Int8Inference(q);
    Int8Tensor qin = q.quantizeInput(image);

    byte[] onnx = OnnxExporter.export(g).toByteArray();
    float[] nchw = TensorLayout.nchw(new int[] {1, s.c(), s.h(), s.w()}).toOnnx(image.data());
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(cores);
    options.setInterOpNumThreads(1);
    options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
    double[] goldenMs = new double[RUNS];
    double[] ortMs = new double[RUNS];
    // Process CPU time (all threads, ONNX Runtime's native ones included): less sensitive than wall
    // time to other jobs on a shared machine.
    double[] goldenCpuMs = new double[RUNS];
    double[] ortCpuMs = new double[RUNS];
    Int8Tensor qout = null;
    float[] ortScores = null;
    try (OrtSession session = env.createSession(onnx, options);
         OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw), new long[] {1, s.c(), s.h(), s.w()})) {
      String name = g.inputs().get(0).name();
      // Warm up both, three frames each: HotSpot compiles the golden model's Vector API kernels
      // over the first frames (and ORT sizes its arenas), which is start-up, not per-frame cost.
      for (int w = 0; w < WARMUP; w++) {
        golden.run(qin);
        try (OrtSession.Result r = session.run(Map.of(name, in))) {
          // nothing to read
        }
      }
      // Alternate the two so both see the same background load on a shared machine.
      for (int i = 0; i < RUNS; i++) {
        long c = cpuNanos();
        long t = System.nanoTime();
        qout = golden.run(qin);
        goldenMs[i] = (System.nanoTime() - t) / 1e6;
        goldenCpuMs[i] = (cpuNanos() - c) / 1e6;
        c = cpuNanos();
        t = System.nanoTime();
        try (OrtSession.Result r = session.run(Map.of(name, in))) {
          ortMs[i] = (System.nanoTime() - t) / 1e6;
          ortCpuMs[i] = (cpuNanos() - c) / 1e6;
          FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
          ortScores = new float[fb.remaining()];
          fb.get(ortScores);
        }
      }
    }
    float[] int8Scores = q.dequantize(g.outputs().get(0), qout).data();

    double goldenMedian = median(goldenMs);
    double ortMedian = median(ortMs);
    String report = String.join("\n", List.of(
        "machine: " + cpuModel() + ", " + cores + " cores available, Java " + System.getProperty("java.version"),
        "ResNet-50 (zoo, seed 1, 224x224x3), " + g.totalMacs() + " MACs per frame",
        String.format("int8 golden model: median %.1f ms/frame (runs %s ms)", goldenMedian, fmt(goldenMs)),
        String.format("ONNX Runtime 1.20.0 float (exported, intra-op threads %d): median %.1f ms/frame (runs %s ms)",
            cores, ortMedian, fmt(ortMs)),
        String.format("ratio int8 golden / ORT float: %.2fx (goal: <= 3x)", goldenMedian / ortMedian),
        String.format("process CPU time per frame, median: int8 golden %.1f ms (%s), ORT float %.1f ms (%s), ratio %.2fx",
            median(goldenCpuMs), fmt(goldenCpuMs), median(ortCpuMs), fmt(ortCpuMs),
            median(goldenCpuMs) / median(ortCpuMs)),
        String.format("quantization (calibration on %d seeded images): %.1f s",
            Quantization.DEFAULT_CALIBRATION_IMAGES, quantizeSeconds),
        String.format("agreement: cosine(int8 dequantized, ORT float) = %.4f, argmax %d vs %d",
            cosine(int8Scores, ortScores), argmax(int8Scores), argmax(ortScores)),
        "load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAverage()));
    System.out.println(report);
    if (args.length > 0) {
      Files.writeString(Path.of(args[0]), report + "\n");
    }
  }

  private static FloatTensor seededImage(Shape s) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(2024);
    float[] v = new float[(int) s.elements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (2 * r.nextDouble() - 1);
    }
    return FloatTensor.activation(s, v);
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  private static String fmt(double[] v) {
    StringBuilder sb = new StringBuilder();
    for (double x : v) {
      sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%.0f", x));
    }
    return sb.toString();
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Other processes on a shared machine skew timings: the report says how busy it was. */
  private static String loadAverage() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return f[0] + " " + f[1] + " " + f[2];
  }

  private static String cpuModel() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown CPU";
  }
}
