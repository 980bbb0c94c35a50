package org.shardwire.model.onnx;

import java.util.Optional;
import org.shardwire.model.Activation;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Padding;

/** Conv and QLinearConv: ONNX OIHW weights become the IR's OHWI; pads, strides and groups carry over. */
final class ConvImport {
  private ConvImport() {}

  static void conv(OnnxNode n, ImportContext ctx) {
    OnnxTensor w = ctx.constant(n, 1);
    OnnxTensor b = ctx.optionalConstant(n, 2);
    float[] bias = b == null ? null : b.asFloats();
    build(n, ctx, w.asFloats(), w.dims(), bias, b == null ? null : b.dims());
  }

  /**
   * QLinearConv by its real-valued meaning: weights (w - w_zero_point) * w_scale (per output channel
   * when w_scale is a vector), bias B * x_scale * w_scale. The activation scales of the quantized
   * model are not kept: the project's int8 rules quantize the imported graph again.
   */
  static void qlinearConv(OnnxNode n, ImportContext ctx) {
    OnnxTensor xScale = ctx.constant(n, 1);
    OnnxTensor w = ctx.constant(n, 3);
    OnnxTensor wScale = ctx.constant(n, 4);
    OnnxTensor wZero = ctx.constant(n, 5);
    ctx.constant(n, 6); // y_scale, y_zero_point: the output is carried as its real value
    ctx.constant(n, 7);
    OnnxTensor b = ctx.optionalConstant(n, 8);
    int out = w.dims()[0];
    int perOut = w.size() / out;
    long[] wq = w.asLongs("QLinearConv weights");
    float[] wf = new float[wq.length];
    for (int o = 0; o < out; o++) {
      double scale = perChannel(n, wScale, o, out, "w_scale");
      double zero = perChannel(n, wZero, o, out, "w_zero_point");
      for (int i = 0; i < perOut; i++) {
        wf[o * perOut + i] = (float) ((wq[o * perOut + i] - zero) * scale);
      }
    }
    float[] bias = null;
    if (b != null) {
      long[] bq = b.asLongs("QLinearConv bias");
      bias = new float[bq.length];
      double xs = scalar(n, xScale, "x_scale");
      for (int o = 0; o < bq.length; o++) {
        bias[o] = (float) (bq[o] * xs * perChannel(n, wScale, o, out, "w_scale"));
      }
    }
    build(n, ctx, wf, w.dims(), bias, b == null ? null : b.dims());
  }

  private static void build(OnnxNode n, ImportContext ctx, float[] w, int[] wd, float[] bias, int[] biasDims) {
    OpImport.requireSingleOutput(n);
    ImportContext.Value x = ctx.activationMaybePadded(n, 0);
    x = SpatialAttrs.requireNchw(n, ctx, x);
    int[] chw = SpatialAttrs.chw(x);
    boolean oneD = x.dims().length == 3;
    if (wd.length != x.dims().length) {
      throw n.error("weights have shape " + OnnxImporter.dims(wd) + " but the input " + OnnxImporter.dims(x.dims())
          + " needs weights of rank " + x.dims().length);
    }
    int out = wd[0];
    int inPerGroup = wd[1];
    int kh = oneD ? 1 : wd[2];
    int kw = wd[wd.length - 1];
    long group = n.getInt("group", 1);
    if (group <= 0 || chw[0] % group != 0 || out % group != 0 || chw[0] / group != inPerGroup) {
      throw n.error("input has " + chw[0] + " channels but the weights " + OnnxImporter.dims(wd) + " with group="
          + group + " expect " + (inPerGroup * group) + " (shape mismatch)");
    }
    if (bias != null && (bias.length != out || biasDims.length != 1)) {
      throw n.error("bias has shape " + OnnxImporter.dims(biasDims) + "; expected [" + out + "]");
    }
    SpatialAttrs a = SpatialAttrs.read(n, new int[] {kh, kw}, chw, oneD).plusPadding(x.pendingPad());
    int oh = a.outH(chw[1]);
    int ow = a.outW(chw[2]);
    if (oh <= 0 || ow <= 0) {
      throw n.error("a " + kh + "x" + kw + " kernel with padding " + a.padding() + " does not fit the input "
          + OnnxImporter.dims(x.dims()));
    }
    // OIHW -> OHWI: w[o][i][y][x] -> ohwi[o][y][x][i].
    float[] ohwi = new float[w.length];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < inPerGroup; i++) {
        for (int y = 0; y < kh; y++) {
          for (int xx = 0; xx < kw; xx++) {
            ohwi[((o * kh + y) * kw + xx) * inPerGroup + i] = w[((o * inPerGroup + i) * kh + y) * kw + xx];
          }
        }
      }
    }
    Conv conv = new Conv(FloatTensor.of(ohwi, out, kh, kw, inPerGroup),
        bias == null ? Optional.empty() : Optional.of(FloatTensor.vector(bias)), a.strideH(), a.strideW(),
        a.padding(), (int) group, Activation.NONE);
    String t = ctx.addLayer(n, "", conv, x.tensor());
    int[] outDims = oneD ? new int[] {1, out, ow} : new int[] {1, out, oh, ow};
    ctx.define(n.output(0), new ImportContext.Value(t, TensorLayout.nchw(outDims), ElementType.FLOAT, Padding.NONE));
  }

  static double scalar(OnnxNode n, OnnxTensor t, String what) {
    if (t.size() != 1) {
      throw n.error(what + " must be a single value, got shape " + OnnxImporter.dims(t.dims()));
    }
    return t.get(0);
  }

  static double perChannel(OnnxNode n, OnnxTensor t, int c, int channels, String what) {
    if (t.size() == 1) {
      return t.get(0);
    }
    if (t.size() != channels) {
      throw n.error(what + " has " + t.size() + " values; expected 1 or " + channels);
    }
    return t.get(c);
  }
}
