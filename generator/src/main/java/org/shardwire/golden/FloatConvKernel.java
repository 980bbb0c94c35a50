package org.shardwire.golden;

import java.util.stream.IntStream;
import org.shardwire.model.Activation;
import org.shardwire.model.Conv;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;

/**
 * Fast float convolution (and fully connected, as a 1x1 conv over one pixel) for the VECTOR engine:
 * im2col windows of pixel segments times packed weight blocks with {@link FloatVectorDot}, in
 * parallel. Float sums in a different order than the scalar path, so results differ from it in the
 * last bits (the float path is a reference to 1e-4, not bit-exact).
 */
final class FloatConvKernel {
  private final Shape in;
  private final Shape out;
  private final int kh;
  private final int kw;
  private final int strideH;
  private final int strideW;
  private final Padding pad;
  private final int groups;
  private final int icg;
  private final int ocg;
  private final int k;
  private final float[] bias;
  private final Activation act;
  private final boolean direct;
  private final float[] packed;
  private final int blocksPerGroup;
  private final int block = FloatVectorDot.BLOCK;

  FloatConvKernel(Conv c, Shape in, Shape out, float[] w, float[] bias) {
    this(in, out, c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.padding(), c.groups(), c.inChannelsPerGroup(),
        w, bias, c.activation());
  }

  static FloatConvKernel fullyConnected(Shape in, int outFeatures, float[] w, float[] bias, Activation act) {
    Shape flat = Shape.vector((int) in.elements());
    return new FloatConvKernel(flat, Shape.vector(outFeatures), 1, 1, 1, 1, Padding.NONE, 1, flat.c(), w, bias, act);
  }

  private FloatConvKernel(Shape in, Shape out, int kh, int kw, int strideH, int strideW, Padding pad, int groups,
                          int icg, float[] w, float[] bias, Activation act) {
    this.in = in;
    this.out = out;
    this.kh = kh;
    this.kw = kw;
    this.strideH = strideH;
    this.strideW = strideW;
    this.pad = pad;
    this.groups = groups;
    this.icg = icg;
    this.ocg = out.c() / groups;
    this.k = kh * kw * icg;
    this.bias = bias.clone();
    this.act = act;
    this.direct = kh == 1 && kw == 1 && strideH == 1 && strideW == 1 && pad.isNone();
    this.blocksPerGroup = (ocg + block - 1) / block;
    this.packed = new float[groups * blocksPerGroup * k * block];
    for (int g = 0; g < groups; g++) {
      for (int b = 0; b < blocksPerGroup; b++) {
        int base = (g * blocksPerGroup + b) * k * block;
        for (int j = 0; j < block && b * block + j < ocg; j++) {
          int oc = g * ocg + b * block + j;
          for (int i = 0; i < k; i++) {
            packed[base + i * block + j] = w[oc * k + i];
          }
        }
      }
    }
  }

  float[] run(float[] x) {
    float[] y = new float[(int) out.elements()];
    int totalBlocks = groups * blocksPerGroup;
    int pixels = out.h() * out.w();
    int segs = Math.max(1, Math.min(16, (pixels + 3) / 4));
    int segLen = ((pixels + segs - 1) / segs + 3) / 4 * 4;
    int realSegs = (pixels + segLen - 1) / segLen;
    int chunks = Math.max(1, Math.min(totalBlocks, (16 + realSegs - 1) / realSegs));
    int per = (totalBlocks + chunks - 1) / chunks;
    IntStream.range(0, realSegs * chunks).parallel().forEach(t -> {
      int p0 = (t / chunks) * segLen;
      int count = Math.min(segLen, pixels - p0);
      int b0 = (t % chunks) * per;
      int b1 = Math.min(totalBlocks, b0 + per);
      if (b0 < b1) {
        if (direct) {
          pixels(x, p0 * in.c(), in.c(), p0, count, b0, b1, y);
        } else {
          pixels(im2col(x, p0, count), 0, groups * k, p0, count, b0, b1, y);
        }
      }
    });
    return y;
  }

  private void pixels(float[] src, int srcBase, int stride, int outPixel0, int count, int b0, int b1, float[] y) {
    int outC = out.c();
    float[] acc = new float[4 * block];
    for (int gb = b0; gb < b1; gb++) {
      int g = gb / blocksPerGroup;
      int b = gb % blocksPerGroup;
      int oc0 = g * ocg + b * block;
      int valid = Math.min(block, ocg - b * block);
      int wo = gb * k * block;
      int gOff = srcBase + g * k;
      int i = 0;
      for (; i + 3 < count; i += 4) {
        int p = gOff + i * stride;
        FloatVectorDot.block4(src, p, p + stride, p + 2 * stride, p + 3 * stride, packed, wo, k, acc);
        for (int q = 0; q < 4; q++) {
          int yo = (outPixel0 + i + q) * outC + oc0;
          for (int j = 0; j < valid; j++) {
            y[yo + j] = act.apply(acc[q * block + j] + bias[oc0 + j]);
          }
        }
      }
      for (; i < count; i++) {
        FloatVectorDot.block1(src, gOff + i * stride, packed, wo, k, acc);
        int yo = (outPixel0 + i) * outC + oc0;
        for (int j = 0; j < valid; j++) {
          y[yo + j] = act.apply(acc[j] + bias[oc0 + j]);
        }
      }
    }
  }

  private float[] im2col(float[] x, int p0, int count) {
    float[] col = new float[count * groups * k];
    int inC = in.c();
    for (int i = 0; i < count; i++) {
      int oy = (p0 + i) / out.w();
      int ox = (p0 + i) % out.w();
      int y0 = oy * strideH - pad.top();
      int x0 = ox * strideW - pad.left();
      for (int g = 0; g < groups; g++) {
        int d = (i * groups + g) * k;
        for (int ky = 0; ky < kh; ky++) {
          int iy = y0 + ky;
          for (int kx = 0; kx < kw; kx++, d += icg) {
            int ix = x0 + kx;
            if (iy >= 0 && iy < in.h() && ix >= 0 && ix < in.w()) {
              System.arraycopy(x, (iy * in.w() + ix) * inC + g * icg, col, d, icg);
            }
          }
        }
      }
    }
    return col;
  }
}
