package org.shardwire.golden;

import org.shardwire.model.AvgPool;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Shape;
import org.shardwire.quant.Clamp;
import org.shardwire.quant.QAdd;
import org.shardwire.quant.QAvgPool;
import org.shardwire.quant.Requant;

/** The int8 rules of docs/numerics.md for everything but conv/FC, on NHWC int arrays holding int8 values. */
final class Int8Kernels {
  private Int8Kernels() {}

  static int[] add(QAdd q, int[] a, int[] b) {
    int[] y = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = q.apply(a[i], b[i]);
    }
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
    for (int oy = 0; oy < out.h(); oy++) {
      for (int ox = 0; ox < out.w(); ox++) {
        int y0 = oy * p.strideH() - p.padding().top();
        int x0 = ox * p.strideW() - p.padding().left();
        for (int ch = 0; ch < out.c(); ch++) {
          int m = Integer.MIN_VALUE;
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

  static int[] avgPool(QAvgPool q, Shape in, int[] x, Shape out) {
    AvgPool p = q.layer();
    int[] y = new int[(int) out.elements()];
    for (int oy = 0; oy < out.h(); oy++) {
      for (int ox = 0; ox < out.w(); ox++) {
        int y0 = oy * p.strideH() - p.padding().top();
        int x0 = ox * p.strideW() - p.padding().left();
        Requant r = q.forDivisor(p.divisor(in, y0, x0));
        for (int ch = 0; ch < out.c(); ch++) {
          int sum = 0;
          for (int iy = Math.max(0, y0); iy < Math.min(in.h(), y0 + p.kernelH()); iy++) {
            for (int ix = Math.max(0, x0); ix < Math.min(in.w(), x0 + p.kernelW()); ix++) {
              sum += x[in.index(iy, ix, ch)];
            }
          }
          y[out.index(oy, ox, ch)] = r.apply(sum, -128, 127);
        }
      }
    }
    return y;
  }

  static int[] globalAvgPool(Requant r, Shape in, int[] x) {
    int c = in.c();
    int[] sum = new int[c];
    for (int i = 0; i < x.length; i++) {
      sum[i % c] += x[i];
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
      Requant r = rs[k];
      int[] x = xs[k];
      for (int p = 0; p < pixels; p++) {
        for (int ch = 0; ch < c; ch++) {
          y[p * out.c() + offset + ch] = r.apply(x[p * c + ch], -128, 127);
        }
      }
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
}
