package org.shardwire.golden;

import java.util.stream.IntStream;
import org.shardwire.model.Conv;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;
import org.shardwire.quant.Clamp;
import org.shardwire.quant.Requant;
import org.shardwire.quant.Rounding;

/**
 * Integer-exact int8 convolution (and fully connected, as a 1x1 conv over one pixel) per
 * docs/numerics.md. Speed comes from layout, not from changing the arithmetic:
 * <ul>
 *   <li>weights are widened to int once, OHWI, so each output channel's K = kh*kw*cin/groups
 *       weights are contiguous;</li>
 *   <li>each output row is unrolled into an im2col buffer with the same [ky][kx][cin] order (1x1
 *       stride-1 unpadded convs read the input directly), so every output is one contiguous dot
 *       product that the JIT vectorises;</li>
 *   <li>outputs are computed in 2 pixel x 2 channel blocks (four accumulators sharing loads);</li>
 *   <li>depthwise convs use a channels-innermost loop instead (their dot products are only kh*kw long);</li>
 *   <li>rows (and, for small maps, channel ranges) run in parallel on all cores.</li>
 * </ul>
 * int32 accumulators cannot overflow (the quantizer checks the bound), so int arithmetic is exact.
 */
final class Int8ConvKernel {
  /*
   * HotSpot's C2 sizes its loop unrolling (and so its vectorisation) by the trip counts it has
   * profiled when it compiles a method. ResNet-50's first dot products are short (k = 64, 147), and
   * a dot22 compiled from that profile runs about 3x slower on every later layer, even k = 4608.
   * So the dot loops are run with long vectors once, before any real layer, to make the JIT
   * compile them for long loops. It changes speed only, never a result.
   */
  static {
    int n = 4096;
    int[] a = new int[2 * n];
    int[] r = new int[4];
    for (int i = 0; i < 3000; i++) {
      dot22(a, 0, n, a, 0, n, n, r);
      dot12(a, 0, a, 0, n, n, r);
      dot(a, 0, a, n, n);
    }
  }

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
  private final int k;               // products per output: kh * kw * icg
  private final int[] weights;       // OHWI, [oc][k]
  private final int[] depthwise;     // [ky][kx][c] for depthwise convs, else null
  private final int[] bias;
  private final int[] multiplier;
  private final int[] shift;
  private final int lo;
  private final int hi;
  private final boolean direct;      // 1x1, stride 1, no padding: the input is its own im2col
  private final int[] packed;        // VECTOR engine: per group, per block of BLOCK channels, [k][BLOCK]
  private final int blocksPerGroup;  // VECTOR engine: ceil(ocg / BLOCK)
  private final int block;           // VECTOR engine: VectorDot.BLOCK, else 0

  Int8ConvKernel(Conv conv, Shape in, Shape out, byte[] w, int[] bias, Requant[] requant, Clamp clamp,
                 ConvEngine engine) {
    this(in, out, conv.kernelH(), conv.kernelW(), conv.strideH(), conv.strideW(), conv.padding(), conv.groups(),
        conv.inChannelsPerGroup(), w, bias, requant, clamp, engine);
  }

  /** A fully connected layer: one "pixel" whose channels are the whole flattened input. */
  static Int8ConvKernel fullyConnected(Shape in, int outFeatures, byte[] w, int[] bias, Requant[] requant,
                                       Clamp clamp, ConvEngine engine) {
    Shape flat = Shape.vector((int) in.elements());
    return new Int8ConvKernel(flat, Shape.vector(outFeatures), 1, 1, 1, 1, Padding.NONE, 1, flat.c(), w, bias,
        requant, clamp, engine);
  }

  private Int8ConvKernel(Shape in, Shape out, int kh, int kw, int strideH, int strideW, Padding pad, int groups,
                         int icg, byte[] w, int[] bias, Requant[] requant, Clamp clamp, ConvEngine engine) {
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
    this.multiplier = new int[out.c()];
    this.shift = new int[out.c()];
    for (int o = 0; o < out.c(); o++) {
      multiplier[o] = requant[o].multiplier();
      shift[o] = requant[o].shift();
    }
    this.lo = clamp.min();
    this.hi = clamp.max();
    this.direct = kh == 1 && kw == 1 && strideH == 1 && strideW == 1 && pad.isNone();
    boolean isDepthwise = icg == 1 && ocg == 1 && groups > 1;
    boolean vector = !isDepthwise && engine.resolve() == ConvEngine.VECTOR;
    if (isDepthwise) {
      int c = out.c();
      this.depthwise = new int[kh * kw * c];
      for (int o = 0; o < c; o++) {
        for (int t = 0; t < kh * kw; t++) {
          depthwise[t * c + o] = w[o * kh * kw + t];
        }
      }
      this.weights = null;
    } else if (vector) {
      this.weights = null;       // the vector engine reads only the packed copy below
      this.depthwise = null;
    } else {
      this.weights = new int[w.length];
      for (int i = 0; i < w.length; i++) {
        weights[i] = w[i];
      }
      this.depthwise = null;
    }
    if (vector) {
      this.block = VectorDot.BLOCK;
      this.blocksPerGroup = (ocg + block - 1) / block;
      this.packed = new int[groups * blocksPerGroup * k * block];
      for (int g = 0; g < groups; g++) {
        for (int b = 0; b < blocksPerGroup; b++) {
          int base = (g * blocksPerGroup + b) * k * block;
          for (int j = 0; j < block && b * block + j < ocg; j++) {
            int oc = g * ocg + b * block + j;
            for (int i = 0; i < k; i++) {
              packed[base + i * block + j] = w[oc * k + i];   // unused lanes of the last block stay 0
            }
          }
        }
      }
    } else {
      this.block = 0;
      this.blocksPerGroup = 0;
      this.packed = null;
    }
  }

  int[] run(int[] x) {
    int[] y = new int[(int) out.elements()];
    if (depthwise != null) {
      IntStream.range(0, out.h()).parallel().forEach(oy -> depthwiseRow(x, y, oy));
      return y;
    }
    if (packed != null) {
      runVector(x, y);
      return y;
    }
    // Enough tasks to keep both cores busy on 7x7 maps: split channels when rows are few.
    int chunks = Math.max(1, Math.min(ocg >= 2 ? out.c() / 16 : 1, (16 + out.h() - 1) / out.h()));
    int per = (out.c() + chunks - 1) / chunks;
    IntStream.range(0, out.h() * chunks).parallel().forEach(t -> {
      int oy = t / chunks;
      int oc0 = (t % chunks) * per;
      int oc1 = Math.min(out.c(), oc0 + per);
      if (oc0 < oc1) {
        row(x, y, oy, oc0, oc1);
      }
    });
    return y;
  }

  /**
   * Splits the output pixels into segments and the channel blocks into chunks, about 16 tasks so both
   * cores stay busy, choosing the split that moves the fewest bytes: every segment re-reads all the
   * weights of its chunk, every chunk re-reads (and, through im2col, rebuilds) its segment's windows.
   */
  private void runVector(int[] x, int[] y) {
    int totalBlocks = groups * blocksPerGroup;
    int pixels = out.h() * out.w();
    long weightInts = (long) totalBlocks * k * block;
    long windowInts = (long) pixels * groups * k;
    int bestSegs = 1;
    long bestCost = Long.MAX_VALUE;
    for (int segs = 1; segs <= 16; segs *= 2) {
      int chunks = Math.max(1, Math.min(totalBlocks, (16 + segs - 1) / segs));
      if (segs > (pixels + 3) / 4) {
        break;
      }
      long cost = segs * weightInts + chunks * windowInts;
      if (cost < bestCost) {
        bestCost = cost;
        bestSegs = segs;
      }
    }
    int segLen = ((pixels + bestSegs - 1) / bestSegs + 3) / 4 * 4;
    int segs = (pixels + segLen - 1) / segLen;
    int chunks = Math.max(1, Math.min(totalBlocks, (16 + segs - 1) / segs));
    int per = (totalBlocks + chunks - 1) / chunks;
    long[][] rq = requantLongs();
    IntStream.range(0, segs * chunks).parallel().forEach(t -> {
      int p0 = (t / chunks) * segLen;
      int count = Math.min(segLen, pixels - p0);
      int b0 = (t % chunks) * per;
      int b1 = Math.min(totalBlocks, b0 + per);
      if (b0 >= b1) {
        return;
      }
      if (direct) {
        vectorPixels(x, p0 * in.c(), in.c(), p0, count, b0, b1, y, rq);
      } else {
        vectorPixels(im2col(x, p0, count), 0, groups * k, p0, count, b0, b1, y, rq);
      }
    });
  }

  /** Per output channel: bias, multiplier, rounding constant 2^(s-1) and shift, as longs for VectorDot.requant. */
  private long[][] requantLongs() {
    int c = out.c();
    long[][] r = new long[4][c];
    for (int o = 0; o < c; o++) {
      r[0][o] = bias[o];
      r[1][o] = multiplier[o];
      r[2][o] = 1L << (shift[o] - 1);
      r[3][o] = shift[o];
    }
    return r;
  }

  /**
   * Output pixels outPixel0 .. outPixel0 + count - 1, whose windows start at src[srcBase + i * pixelStride]
   * (plus the group's offset g * k), for channel blocks b0 .. b1 - 1 (numbered over all groups).
   */
  private void vectorPixels(int[] src, int srcBase, int pixelStride, int outPixel0, int count, int b0, int b1,
                            int[] y, long[][] rq) {
    int outC = out.c();
    int[] acc = new int[4 * block];
    for (int gb = b0; gb < b1; gb++) {
      int g = gb / blocksPerGroup;
      int b = gb % blocksPerGroup;
      int oc0 = g * ocg + b * block;
      int valid = Math.min(block, ocg - b * block);
      int wo = gb * k * block;
      int gOff = srcBase + g * k;
      int i = 0;
      for (; i + 3 < count; i += 4) {
        int p = gOff + i * pixelStride;
        VectorDot.block4(src, p, p + pixelStride, p + 2 * pixelStride, p + 3 * pixelStride, packed, wo, k, acc);
        for (int q = 0; q < 4; q++) {
          VectorDot.requant(acc, q * block, rq, oc0, valid, lo, hi, y, (outPixel0 + i + q) * outC + oc0);
        }
      }
      for (; i < count; i++) {
        VectorDot.block1(src, gOff + i * pixelStride, packed, wo, k, acc);
        VectorDot.requant(acc, 0, rq, oc0, valid, lo, hi, y, (outPixel0 + i) * outC + oc0);
      }
    }
  }

  private void row(int[] x, int[] y, int oy, int oc0, int oc1) {
    int[] src;
    int srcBase;
    int pixelStride;
    if (direct) {
      src = x;
      srcBase = oy * in.w() * in.c();
      pixelStride = in.c();
    } else {
      src = im2colRow(x, oy);
      srcBase = 0;
      pixelStride = groups * k;
    }
    int ow = out.w();
    int outC = out.c();
    int rowBase = oy * ow * outC;
    int[] acc = new int[4];
    // Channel pairs outside, pixels inside: a pair's 2k weights stay in L1 while the row streams by.
    int oc = oc0;
    while (oc < oc1) {
      int g = oc / ocg;
      int gOff = g * k;
      boolean pair = oc + 1 < oc1 && (oc + 1) / ocg == g;
      int w0 = oc * k;
      if (pair) {
        int w1 = w0 + k;
        int ox = 0;
        for (; ox + 1 < ow; ox += 2) {
          int p0 = srcBase + ox * pixelStride + gOff;
          dot22(src, p0, p0 + pixelStride, weights, w0, w1, k, acc);
          int y0 = rowBase + ox * outC + oc;
          y[y0] = requant(acc[0], oc);
          y[y0 + 1] = requant(acc[1], oc + 1);
          y[y0 + outC] = requant(acc[2], oc);
          y[y0 + outC + 1] = requant(acc[3], oc + 1);
        }
        if (ox < ow) {
          dot12(src, srcBase + ox * pixelStride + gOff, weights, w0, w1, k, acc);
          int y0 = rowBase + ox * outC + oc;
          y[y0] = requant(acc[0], oc);
          y[y0 + 1] = requant(acc[1], oc + 1);
        }
        oc += 2;
      } else {
        for (int ox = 0; ox < ow; ox++) {
          y[rowBase + ox * outC + oc] = requant(dot(src, srcBase + ox * pixelStride + gOff, weights, w0, k), oc);
        }
        oc++;
      }
    }
  }

  private int requant(int acc, int oc) {
    long r = Rounding.requant(acc + bias[oc], multiplier[oc], shift[oc]);
    return r < lo ? lo : (r > hi ? hi : (int) r);
  }

  /** One output row's windows (see {@link #im2col}). */
  private int[] im2colRow(int[] x, int oy) {
    return im2col(x, oy * out.w(), out.w());
  }

  /** The windows of output pixels p0 .. p0 + count - 1 (row-major), laid out [pixel][group][ky][kx][icg]; padding is 0. */
  private int[] im2col(int[] x, int p0, int count) {
    int[] col = new int[count * groups * k];
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

  private void depthwiseRow(int[] x, int[] y, int oy) {
    int c = out.c();
    int[] acc = new int[c];
    for (int ox = 0; ox < out.w(); ox++) {
      java.util.Arrays.fill(acc, 0);
      int y0 = oy * strideH - pad.top();
      int x0 = ox * strideW - pad.left();
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
          int xi = (iy * in.w() + ix) * c;
          int wi = (ky * kw + kx) * c;
          for (int ch = 0; ch < c; ch++) {
            acc[ch] += x[xi + ch] * depthwise[wi + ch];
          }
        }
      }
      int yi = (oy * out.w() + ox) * c;
      for (int ch = 0; ch < c; ch++) {
        y[yi + ch] = requant(acc[ch], ch);
      }
    }
  }

  private static int dot(int[] x, int xo, int[] w, int wo, int n) {
    int a = 0;
    for (int i = 0; i < n; i++) {
      a += x[xo + i] * w[wo + i];
    }
    return a;
  }

  private static void dot12(int[] x, int xo, int[] w, int w0, int w1, int n, int[] r) {
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      int p = x[xo + i];
      a += p * w[w0 + i];
      b += p * w[w1 + i];
    }
    r[0] = a;
    r[1] = b;
  }

  /** r = {x0.w0, x0.w1, x1.w0, x1.w1}. */
  private static void dot22(int[] x, int x0, int x1, int[] w, int w0, int w1, int n, int[] r) {
    int a00 = 0;
    int a01 = 0;
    int a10 = 0;
    int a11 = 0;
    for (int i = 0; i < n; i++) {
      int p = x[x0 + i];
      int q = x[x1 + i];
      int u = w[w0 + i];
      int v = w[w1 + i];
      a00 += p * u;
      a01 += p * v;
      a10 += q * u;
      a11 += q * v;
    }
    r[0] = a00;
    r[1] = a01;
    r[2] = a10;
    r[3] = a11;
  }
}
