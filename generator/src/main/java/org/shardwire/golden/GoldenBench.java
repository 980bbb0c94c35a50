package org.shardwire.golden;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.Calibration;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QuantizedGraph;

/**
 * Times int8 golden inference of a zoo model: quantizes it (default calibration), runs
 * {@link #WARMUP} untimed frames, then reports the median wall time of N frames (default 5) and
 * the CPU time per frame. Used for bench/RESULTS.md:
 * {@code java -Xss4m --add-modules jdk.incubator.vector -cp generator/target/shardwire.jar
 * org.shardwire.golden.GoldenBench resnet50 5 [SCALAR|VECTOR|AUTO]}.
 */
public final class GoldenBench {
  /** Untimed frames first: HotSpot compiles the Vector API kernels during the first frames. */
  public static final int WARMUP = 3;

  private GoldenBench() {}

  /** CPU time of this process (all threads), to tell our speed from other processes' load. */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean b ? b.getProcessCpuTime() : -1;
  }

  /** Wall time of each of {@code frames} int8 inferences after {@code warmup} untimed ones, in milliseconds. */
  public static double[] frameMillis(QuantizedGraph q, Int8Tensor input, int warmup, int frames) {
    Int8Inference golden = new Int8Inference(q);
    for (int i = 0; i < warmup; i++) {
      golden.run(input);
    }
    double[] ms = new double[frames];
    for (int i = 0; i < frames; i++) {
      long t = System.nanoTime();
      golden.run(input);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    return ms;
  }

  public static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  public static void main(String[] args) {
    String model = args.length > 0 ? args[0] : "resnet50";
    int frames = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    ConvEngine engine = args.length > 2 ? ConvEngine.valueOf(args[2]).resolve() : ConvEngine.AUTO.resolve();
    Graph g = ModelZoo.build(model);
    long t0 = System.nanoTime();
    QuantizedGraph q = Quantization.quantize(g, ModelZoo.DEFAULT_SEED);
    double quantizeS = (System.nanoTime() - t0) / 1e9;
    FloatTensor image = Calibration.seededInputs(g.inputShape(), 1, 42).get(0);
    Int8Inference golden = new Int8Inference(q, engine);
    Int8Tensor input = q.quantizeInput(image);
    for (int i = 0; i < WARMUP; i++) {
      golden.run(input);
    }
    double[] ms = new double[frames];
    long cpu0 = processCpuNanos();
    long wall0 = System.nanoTime();
    for (int i = 0; i < frames; i++) {
      long t = System.nanoTime();
      golden.run(input);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    double cpuPerFrame = (processCpuNanos() - cpu0) / 1e6 / frames;
    double wallPerFrame = (System.nanoTime() - wall0) / 1e6 / frames;
    List<String> each = new ArrayList<>();
    for (double m : ms) {
      each.add(String.format(Locale.ROOT, "%.1f", m));
    }
    System.out.printf(Locale.ROOT, "%s int8 golden (%s conv engine): median %.1f ms/frame over %d frames %s after %d"
        + " warm-up frames; %.1f ms CPU per frame (%.2f cores busy on average; cores %d); quantize %.1f s%n",
        model, engine, median(ms), frames, each, WARMUP, cpuPerFrame, cpuPerFrame / wallPerFrame,
        Runtime.getRuntime().availableProcessors(), quantizeS);
  }
}
