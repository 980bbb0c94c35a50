package org.shardwire.model.zoo;

import java.nio.charset.StandardCharsets;
import org.shardwire.model.BatchNorm;
import org.shardwire.model.FloatTensor;

/**
 * Deterministic seeded weights. Every node draws from its own SplitMix64 stream, seeded by the
 * model seed and a 64-bit FNV-1a hash of the node name, so a layer's weights depend only on the
 * seed and its name (not on construction order or the JVM): same seed, same bytes.
 *
 * <p>Conv and FC weights use He (Kaiming) uniform initialisation, U(-b, b) with
 * b = sqrt(6 / fan_in), so activations keep their scale through conv + ReLU layers. BatchNorm
 * statistics are drawn near the identity (gamma ~ U(0.8, 1.2) * gammaScale,
 * beta, mean ~ U(-0.1, 0.1), variance ~ U(0.8, 1.2)) so folding them is not a no-op.
 */
public final class WeightInit {
  private final long seed;

  public WeightInit(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** OHWI conv weights, He uniform over fan_in = kh * kw * inPerGroup. */
  public FloatTensor conv(String node, int out, int kh, int kw, int inPerGroup) {
    Stream s = stream(node + "#w");
    float bound = (float) Math.sqrt(6.0 / (kh * kw * inPerGroup));
    float[] w = new float[out * kh * kw * inPerGroup];
    for (int i = 0; i < w.length; i++) {
      w[i] = s.uniform(-bound, bound);
    }
    return FloatTensor.of(w, out, kh, kw, inPerGroup);
  }

  /** [out, in] weights, He uniform over fan_in = in. */
  public FloatTensor fullyConnected(String node, int out, int in) {
    Stream s = stream(node + "#w");
    float bound = (float) Math.sqrt(6.0 / in);
    float[] w = new float[out * in];
    for (int i = 0; i < w.length; i++) {
      w[i] = s.uniform(-bound, bound);
    }
    return FloatTensor.of(w, out, in);
  }

  /** A bias vector, U(-bound, bound). */
  public FloatTensor bias(String node, int n, float bound) {
    Stream s = stream(node + "#b");
    float[] b = new float[n];
    for (int i = 0; i < n; i++) {
      b[i] = s.uniform(-bound, bound);
    }
    return FloatTensor.vector(b);
  }

  public BatchNorm batchNorm(String node, int channels, float gammaScale) {
    Stream s = stream(node + "#bn");
    float[] gamma = new float[channels];
    float[] beta = new float[channels];
    float[] mean = new float[channels];
    float[] var = new float[channels];
    for (int i = 0; i < channels; i++) {
      gamma[i] = s.uniform(0.8f, 1.2f) * gammaScale;
      beta[i] = s.uniform(-0.1f, 0.1f);
      mean[i] = s.uniform(-0.1f, 0.1f);
      var[i] = s.uniform(0.8f, 1.2f);
    }
    return new BatchNorm(FloatTensor.vector(gamma), FloatTensor.vector(beta), FloatTensor.vector(mean),
        FloatTensor.vector(var), 1e-5f);
  }

  /** A seeded input tensor with values U(-1, 1), e.g. a test image. */
  public static float[] uniformInput(long seed, String name, int n) {
    Stream s = new WeightInit(seed).stream(name);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = s.uniform(-1f, 1f);
    }
    return x;
  }

  private Stream stream(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return new Stream(seed * 0x9E3779B97F4A7C15L + h);
  }

  /** SplitMix64: tiny, fast and fully specified here, so the sequence never changes. */
  static final class Stream {
    private long state;

    Stream(long state) {
      this.state = state;
    }

    long next() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    /** Uniform in [lo, hi): 24 random mantissa bits. */
    float uniform(float lo, float hi) {
      float u = (next() >>> 40) * 0x1.0p-24f;
      return lo + (hi - lo) * u;
    }
  }
}
