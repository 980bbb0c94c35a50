package org.shardwire.golden;

import java.util.stream.IntStream;
import org.shardwire.model.Activation;
import org.shardwire.model.AvgPool;
import org.shardwire.model.BatchNorm;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;

/**
 * The float reference of every layer, on NHWC arrays (channels innermost). Convolutions run their
 * output rows in parallel; sums accumulate in double so the float path is a tight reference.
 */
final class FloatKernels {
  private FloatKernels() {}

  /** Weights and bias of a conv, taken out of the immutable layer once. */
  record ConvParams(Conv conv, float[] weights, float[] bias) {
    static ConvParams of(Conv c) {
      return new ConvParams(c, c.weights().data(), c.bias().map(FloatTensor::data).orElse(new float[c.outChannels()]));
    }
  }

  static float[] conv(ConvParams p, Shape in, float[] x, Shape out) {
    Conv c = p.conv();
    float[] w = p.weights();
    float[] b = p.bias();
    float[] y = new float[(int) out.elements()];
    int kh = c.kernelH();
    int kw = c.kernelW();
    int icg = c.inChannelsPerGroup();
    int ocg = c.outChannelsPerGroup();
    Padding pad = c.padding();
    Activation act = c.activation();
    IntStream.range(0, out.h()).parallel().forEach(oy -> {
      for (int ox = 0; ox < out.w(); ox++) {
        int y0 = oy * c.strideH() - pad.top();
        int x0 = ox * c.strideW() - pad.left();
        for (int oc = 0; oc < out.c(); oc++) {
          int g = oc / ocg;
          double acc = b[oc];
          for (int ky = 0; ky < kh; ky++) {
            int iy = y0 + ky;
            if (iy < 0 || iy >= in.h()) {
              continue;
            }
            for (int kx = 0; kx < kw; kx++) {
              int ix = x0 + kx;
              if (ix < 0 || ix >= in.w()) {
                continue;
              }
              int xi = in.index(iy, ix, g * icg);
              int wi = ((oc * kh + ky) * kw + kx) * icg;
              for (int ic = 0; ic < icg; ic++) {
                acc += (double) x[xi + ic] * w[wi + ic];
              }
            }
          }
          y[out.index(oy, ox, oc)] = act.apply((float) acc);
        }
      }
    });
    return y;
  }

  static float[] fullyConnected(FullyConnected fc, float[] w, float[] b, float[] x) {
    int n = fc.inFeatures();
    float[] y = new float[fc.outFeatures()];
    IntStream.range(0, y.length).parallel().forEach(o -> {
      double acc = b[o];
      for (int i = 0; i < n; i++) {
        acc += (double) x[i] * w[o * n + i];
      }
      y[o] = fc.activation().apply((float) acc);
    });
    return y;
  }

  static float[] batchNorm(BatchNorm bn, float[] x) {
    int c = bn.channels();
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      int ch = i % c;
      y[i] = (float) (x[i] * bn.scale(ch) + bn.shift(ch));
    }
    return y;
  }

  static float[] clamp(Activation act, float[] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = act.apply(x[i]);
    }
    return y;
  }

  static float[] maxPool(MaxPool p, Shape in, float[] x, Shape out) {
    float[] y = new float[(int) out.elements()];
    for (int oy = 0; oy < out.h(); oy++) {
      for (int ox = 0; ox < out.w(); ox++) {
        int y0 = oy * p.strideH() - p.padding().top();
        int x0 = ox * p.strideW() - p.padding().left();
        for (int ch = 0; ch < out.c(); ch++) {
          float m = Float.NEGATIVE_INFINITY;
          for (int iy = Math.max(0, y0); iy < Math.min(in.h(), y0 + p.kernelH()); iy++) {
            for (int ix = Math.max(0, x0); ix < Math.min(in.w(), x0 + p.kernelW()); ix++) {
              m = Math.max(m, x[in.index(iy, ix, ch)]);
            }
          }
          y[out.index(oy, ox, ch)] = m;
        }
      }
    }
    return y;
  }

  static float[] avgPool(AvgPool p, Shape in, float[] x, Shape out) {
    float[] y = new float[(int) out.elements()];
    for (int oy = 0; oy < out.h(); oy++) {
      for (int ox = 0; ox < out.w(); ox++) {
        int y0 = oy * p.strideH() - p.padding().top();
        int x0 = ox * p.strideW() - p.padding().left();
        int divisor = p.divisor(in, y0, x0);
        for (int ch = 0; ch < out.c(); ch++) {
          double sum = 0;
          for (int iy = Math.max(0, y0); iy < Math.min(in.h(), y0 + p.kernelH()); iy++) {
            for (int ix = Math.max(0, x0); ix < Math.min(in.w(), x0 + p.kernelW()); ix++) {
              sum += x[in.index(iy, ix, ch)];
            }
          }
          y[out.index(oy, ox, ch)] = (float) (sum / divisor);
        }
      }
    }
    return y;
  }

  static float[] globalAvgPool(Shape in, float[] x) {
    int c = in.c();
    double[] sum = new double[c];
    for (int i = 0; i < x.length; i++) {
      sum[i % c] += x[i];
    }
    float[] y = new float[c];
    int n = in.h() * in.w();
    for (int ch = 0; ch < c; ch++) {
      y[ch] = (float) (sum[ch] / n);
    }
    return y;
  }

  static float[] add(Activation act, float[] a, float[] b) {
    float[] y = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = act.apply(a[i] + b[i]);
    }
    return y;
  }

  static float[] concat(Shape[] ins, float[][] xs, Shape out) {
    float[] y = new float[(int) out.elements()];
    int pixels = out.h() * out.w();
    int offset = 0;
    for (int k = 0; k < ins.length; k++) {
      int c = ins[k].c();
      for (int p = 0; p < pixels; p++) {
        System.arraycopy(xs[k], p * c, y, p * out.c() + offset, c);
      }
      offset += c;
    }
    return y;
  }

  /** out channel o takes input channel source[o], at every pixel. */
  static float[] permuteChannels(int[] source, float[] x) {
    int c = source.length;
    float[] y = new float[x.length];
    for (int p = 0; p < x.length; p += c) {
      for (int o = 0; o < c; o++) {
        y[p + o] = x[p + source[o]];
      }
    }
    return y;
  }

  /** Output channel o of every pixel is input channel {@code source[o]} of {@code inChannels}. */
  static float[] selectChannels(int[] source, int inChannels, float[] x) {
    int c = source.length;
    int pixels = x.length / inChannels;
    float[] y = new float[pixels * c];
    for (int p = 0; p < pixels; p++) {
      for (int o = 0; o < c; o++) {
        y[p * c + o] = x[p * inChannels + source[o]];
      }
    }
    return y;
  }
}
