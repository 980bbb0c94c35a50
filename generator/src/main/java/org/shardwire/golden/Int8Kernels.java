package org.shardwire.golden;

import java.util.stream.IntStream;
import org.shardwire.model.AvgPool;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Shape;
import org.shardwire.quant.Clamp;
import org.shardwire.quant.QAdd;
import org.shardwire.quant.QAvgPool;
import org.shardwire.quant.Requant;
import org.shardwire.quant.Rounding;

/**
 * The int8 rules of docs/numerics.md for everything but conv/FC, on NHWC int arrays holding int8
 * values. Where a rule maps one int8 input to a number (the add's rescaling, concat's
 * requantization) the 256 possible results are tabulated with the rule itself first; rows run in
 * parallel.
 */
final class Int8Kernels {
  private Int8Kernels() {}

  /** table[q + 128] = rq(q) for every int8 q. */
  private static long[] table(Requant r) {
    long[] t = new long[256];
    for (int q = -128; q < 128; q++) {
      t[q + 128] = r.apply(q);
    }
    return t;
  }

  static int[] add(QAdd q, int[] a, int[] b, boolean vector) {
    if (vector) {
      int[] y = new int[a.length];
      int chunk = 8192;
      IntStream.range(0, (a.length + chunk - 1) / chunk).parallel().forEach(c -> VectorDot.add(a, b, y, c * chunk,
          Math.min(a.length, (c + 1) * chunk), q.a().multiplier(), q.a().shift(), q.b().multiplier(), q.b().shift(),
          QAdd.FRACTION_BITS, q.clamp().min(), q.clamp().max()));
      return y;
    }
    long[] ta = table(q.a());
    long[] tb = table(q.b());
    int lo = q.clamp().min();
    int hi = q.clamp().max();
    int[] y = new int[a.length];
    int chunk = 4096;
    IntStream.range(0, (a.length + chunk - 1) / chunk).parallel().forEach(c -> {
      for (int i = c * chunk; i < Math.min(a.length, (c + 1) * chunk); i++) {
        long v = Rounding.shiftRightRounded(ta[a[i] + 128] + tb[b[i] + 128], QAdd.FRACTION_BITS);
        y[i] = v < lo ? lo : (v > hi ? hi : (int) v);
      }
    });
    return y;
  }

  static int[] clamp(Clamp c, int[] x) {
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = c.apply(x[i]);
    }
    return y;
  }

  static int[] maxPool(MaxPool p, Shape in, int[] x, Shape out) {
    int[] y = new int[(int) out.elements()];
    int c = out.c();
    IntStream.range(0, out.h()).parallel().forEach(oy -> {
      int y0 = oy * p.strideH() - p.padding().top();
      for (int ox = 0; ox < out.w(); ox++) {
        int x0 = ox * p.strideW() - p.padding().left();
        int o = (oy * out.w() + ox) * c;
        java.util.Arrays.fill(y, o, o + c, Integer.MIN_VALUE);   // padding never wins
        for (int iy = Math.max(0, y0); iy < Math.min(in.h(), y0 + p.kernelH()); iy++) {
          for (int ix = Math.max(0, x0); ix < Math.min(in.w(), x0 + p.kernelW()); ix++) {
            int xi = (iy * in.w() + ix) * c;
            for (int ch = 0; ch < c; ch++) {
              y[o + ch] = Math.max(y[o + ch], x[xi + ch]);
            }
          }
        }
      }
    });
    return y;
  }

  static int[] avgPool(QAvgPool q, Shape in, int[] x, Shape out) {
    AvgPool p = q.layer();
    int[] y = new int[(int) out.elements()];
    int c = out.c();
    IntStream.range(0, out.h()).parallel().forEach(oy -> {
      int[] sum = new int[c];
      int y0 = oy * p.strideH() - p.padding().top();
      for (int ox = 0; ox < out.w(); ox++) {
        int x0 = ox * p.strideW() - p.padding().left();
        java.util.Arrays.fill(sum, 0);
        for (int iy = Math.max(0, y0); iy < Math.min(in.h(), y0 + p.kernelH()); iy++) {
          for (int ix = Math.max(0, x0); ix < Math.min(in.w(), x0 + p.kernelW()); ix++) {
            int xi = (iy * in.w() + ix) * c;
            for (int ch = 0; ch < c; ch++) {
              sum[ch] += x[xi + ch];
            }
          }
        }
        Requant r = q.forDivisor(p.divisor(in, y0, x0));
        int o = (oy * out.w() + ox) * c;
        for (int ch = 0; ch < c; ch++) {
          y[o + ch] = r.apply(sum[ch], -128, 127);
        }
      }
    });
    return y;
  }

  static int[] globalAvgPool(Requant r, Shape in, int[] x) {
    int c = in.c();
    int[] sum = new int[c];
    for (int p = 0; p < x.length; p += c) {
      for (int ch = 0; ch < c; ch++) {
        sum[ch] += x[p + ch];
      }
    }
    int[] y = new int[c];
    for (int ch = 0; ch < c; ch++) {
      y[ch] = r.apply(sum[ch], -128, 127);
    }
    return y;
  }

  static int[] concat(Requant[] rs, Shape[] ins, int[][] xs, Shape out) {
    int[] y = new int[(int) out.elements()];
    int pixels = out.h() * out.w();
    int offset = 0;
    for (int k = 0; k < ins.length; k++) {
      int c = ins[k].c();
      int[] t = new int[256];
      for (int q = -128; q < 128; q++) {
        t[q + 128] = rs[k].apply(q, -128, 127);
      }
      int[] x = xs[k];
      int off = offset;
      IntStream.range(0, out.h()).parallel().forEach(row -> {
        for (int p = row * out.w(); p < (row + 1) * out.w(); p++) {
          for (int ch = 0; ch < c; ch++) {
            y[p * out.c() + off + ch] = t[x[p * c + ch] + 128];
          }
        }
      });
      offset += c;
    }
    return y;
  }

  static int[] permuteChannels(int[] source, int[] x) {
    int c = source.length;
    int[] y = new int[x.length];
    for (int p = 0; p < x.length; p += c) {
      for (int o = 0; o < c; o++) {
        y[p + o] = x[p + source[o]];
      }
    }
    return y;
  }

  /** Output channel o of every pixel is input channel {@code source[o]} of {@code inChannels}. */
  static int[] selectChannels(int[] source, int inChannels, int[] x) {
    int c = source.length;
    int pixels = x.length / inChannels;
    int[] y = new int[pixels * c];
    for (int p = 0; p < pixels; p++) {
      for (int o = 0; o < c; o++) {
        y[p * c + o] = x[p * inChannels + source[o]];
      }
    }
    return y;
  }
}
