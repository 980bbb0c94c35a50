package org.shardwire.model.onnx;

import org.shardwire.model.Padding;

/**
 * The window of a Conv or pooling node in IR terms: kernel, stride and padding on H and W. 1-D ops
 * (NCL tensors) are 2-D ops with height 1. Reads kernel_shape, strides, pads, auto_pad and refuses
 * dilations other than 1 (the IR's windows are dense).
 */
record SpatialAttrs(int kernelH, int kernelW, int strideH, int strideW, Padding padding) {

  /**
   * Input 0 as [1, C, H, W] or [1, C, L] in the IR's NCHW view (a channel shuffle is inserted when
   * the channels arrive shuffled). Returns the value; {@link #chw} gives {C, H, W}.
   */
  static ImportContext.Value requireNchw(OnnxNode n, ImportContext ctx, ImportContext.Value x) {
    int[] d = x.dims();
    if (d.length != 3 && d.length != 4) {
      throw n.error("input '" + n.input(0) + "' has shape " + OnnxImporter.dims(d)
          + "; supported: [N, C, H, W] or [N, C, L] (1-D and 2-D only, no 3-D)");
    }
    if (d[0] != 1) {
      throw n.error("input '" + n.input(0) + "' has batch size " + d[0] + " " + OnnxImporter.dims(d)
          + "; the IR runs one frame at a time (batch 1)");
    }
    return ChannelOrder.conform(n, ctx, x, TensorLayout.nchw(d), "input '" + n.input(0) + "'");
  }

  static int[] chw(ImportContext.Value x) {
    int[] d = x.dims();
    return d.length == 4 ? new int[] {d[1], d[2], d[3]} : new int[] {d[1], 1, d[2]};
  }

  /**
   * Reads the window attributes. {@code kernel} is {kh, kw} when it comes from the weights (Conv),
   * or null when kernel_shape is required (pooling). {@code in} is {C, H, W}; {@code oneD} when
   * the ONNX op is 1-D.
   */
  static SpatialAttrs read(OnnxNode n, int[] kernel, int[] in, boolean oneD) {
    int spatial = oneD ? 1 : 2;
    long[] ks = n.getInts("kernel_shape");
    int kh;
    int kw;
    if (ks != null) {
      checkLength(n, "kernel_shape", ks, spatial);
      kh = oneD ? 1 : (int) ks[0];
      kw = (int) ks[spatial - 1];
      if (kernel != null && (kh != kernel[0] || kw != kernel[1])) {
        throw n.error("kernel_shape " + java.util.Arrays.toString(ks) + " does not match the weights' kernel "
            + kernel[0] + "x" + kernel[1]);
      }
    } else if (kernel != null) {
      kh = kernel[0];
      kw = kernel[1];
    } else {
      throw n.error("attribute kernel_shape is required");
    }
    long[] st = n.getInts("strides");
    int sh = 1;
    int sw = 1;
    if (st != null) {
      checkLength(n, "strides", st, spatial);
      sh = oneD ? 1 : (int) st[0];
      sw = (int) st[spatial - 1];
    }
    long[] dil = n.getInts("dilations");
    if (dil != null) {
      for (long v : dil) {
        if (v != 1) {
          throw n.error("dilations " + java.util.Arrays.toString(dil) + " are not supported (only 1)");
        }
      }
    }
    if (kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0) {
      throw n.error("kernel and strides must be positive, got kernel " + kh + "x" + kw + ", strides " + sh + "x" + sw);
    }
    String autoPad = n.getString("auto_pad", "NOTSET");
    long[] pads = n.getInts("pads");
    int top = 0;
    int left = 0;
    int bottom = 0;
    int right = 0;
    switch (autoPad) {
      case "NOTSET":
        if (pads != null) {
          checkLength(n, "pads", pads, 2 * spatial);
          for (long p : pads) {
            if (p < 0) {
              throw n.error("negative pads " + java.util.Arrays.toString(pads) + " are not supported");
            }
          }
          if (oneD) {
            left = (int) pads[0];
            right = (int) pads[1];
          } else {
            top = (int) pads[0];
            left = (int) pads[1];
            bottom = (int) pads[2];
            right = (int) pads[3];
          }
        }
        break;
      case "VALID":
        break;
      case "SAME_UPPER":
      case "SAME_LOWER": {
        boolean upper = autoPad.equals("SAME_UPPER");
        int th = samePadTotal(in[1], kh, sh);
        int tw = samePadTotal(in[2], kw, sw);
        top = upper ? th / 2 : th - th / 2;
        bottom = th - top;
        left = upper ? tw / 2 : tw - tw / 2;
        right = tw - left;
        break;
      }
      default:
        throw n.error("auto_pad '" + autoPad + "' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
    }
    return new SpatialAttrs(kh, kw, sh, sw, new Padding(top, left, bottom, right));
  }

  private static int samePadTotal(int in, int k, int s) {
    int out = (in + s - 1) / s;
    return Math.max((out - 1) * s + k - in, 0);
  }

  private static void checkLength(OnnxNode n, String attr, long[] v, int need) {
    if (v.length != need) {
      throw n.error(attr + " " + java.util.Arrays.toString(v) + " must have " + need + " values for this input rank");
    }
  }

  SpatialAttrs plusPadding(Padding extra) {
    return new SpatialAttrs(kernelH, kernelW, strideH, strideW, new Padding(padding.top() + extra.top(),
        padding.left() + extra.left(), padding.bottom() + extra.bottom(), padding.right() + extra.right()));
  }

  int outH(int h) {
    return (h + padding.top() + padding.bottom() - kernelH) / strideH + 1;
  }

  int outW(int w) {
    return (w + padding.left() + padding.right() - kernelW) / strideW + 1;
  }
}
