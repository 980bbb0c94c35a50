package org.shardwire.model.onnx;

import org.shardwire.model.AvgPool;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Padding;

/** MaxPool, AveragePool (count_include_pad, ceil_mode) and GlobalAveragePool on NCHW (or NCL) tensors. */
final class PoolImport {
  private PoolImport() {}

  static void pool(OnnxNode n, ImportContext ctx) {
    OpImport.requireSingleOutput(n);
    boolean max = n.opType().equals("MaxPool");
    ImportContext.Value x = ctx.activationMaybePadded(n, 0);
    x = SpatialAttrs.requireNchw(n, ctx, x);
    int[] chw = SpatialAttrs.chw(x);
    boolean oneD = x.dims().length == 3;
    SpatialAttrs a = SpatialAttrs.read(n, null, chw, oneD);
    boolean countPad = n.getInt("count_include_pad", 0) != 0;
    if (!x.pendingPad().isNone()) {
      // A zero Pad before the pool: the zeros are real data, so they count in an average.
      if (max) {
        throw n.error("reads a zero Pad; MaxPool pads with -infinity, so the Pad cannot be absorbed"
            + " (the IR has no Pad layer)");
      }
      if (!a.padding().isNone()) {
        throw n.error("reads a zero Pad and has its own pads " + a.padding()
            + "; the IR cannot count one padding and not the other");
      }
      a = a.plusPadding(x.pendingPad());
      countPad = true;
    }
    int oh = a.outH(chw[1]);
    int ow = a.outW(chw[2]);
    if (n.getInt("ceil_mode", 0) != 0) {
      int ch = ceilOut(chw[1], a.kernelH(), a.strideH(), a.padding().top(), a.padding().bottom());
      int cw = ceilOut(chw[2], a.kernelW(), a.strideW(), a.padding().left(), a.padding().right());
      int extraH = Math.max(0, (ch - 1) * a.strideH() + a.kernelH() - chw[1] - a.padding().top() - a.padding().bottom());
      int extraW = Math.max(0, (cw - 1) * a.strideW() + a.kernelW() - chw[2] - a.padding().left() - a.padding().right());
      if ((extraH > 0 || extraW > 0) && !max && countPad) {
        throw n.error("ceil_mode with count_include_pad=1 needs windows past the padding, which ONNX does not"
            + " count; not supported");
      }
      // Windows past the end: extra end padding (-inf for max, not counted for the average) is exact.
      a = a.plusPadding(new Padding(0, 0, extraH, extraW));
      oh = ch;
      ow = cw;
    }
    if (oh <= 0 || ow <= 0) {
      throw n.error("a " + a.kernelH() + "x" + a.kernelW() + " window with padding " + a.padding()
          + " does not fit the input " + OnnxImporter.dims(x.dims()));
    }
    Layer layer = max
        ? new MaxPool(a.kernelH(), a.kernelW(), a.strideH(), a.strideW(), a.padding())
        : new AvgPool(a.kernelH(), a.kernelW(), a.strideH(), a.strideW(), a.padding(), countPad);
    String t = ctx.addLayer(n, "", layer, x.tensor());
    int[] outDims = oneD ? new int[] {1, chw[0], ow} : new int[] {1, chw[0], oh, ow};
    ctx.define(n.output(0), new ImportContext.Value(t, TensorLayout.nchw(outDims), x.type(), Padding.NONE));
  }

  /** ceil_mode output size; a last window starting in the end padding is dropped (as ONNX Runtime does). */
  private static int ceilOut(int in, int k, int s, int pb, int pe) {
    int span = in + pb + pe - k;
    int out = (span + s - 1) / s + 1;
    if ((out - 1) * s >= in + pb) {
      out--;
    }
    return out;
  }

  static void globalAverage(OnnxNode n, ImportContext ctx) {
    OpImport.requireSingleOutput(n);
    ImportContext.Value x = ctx.activation(n, 0);
    x = SpatialAttrs.requireNchw(n, ctx, x);
    int[] chw = SpatialAttrs.chw(x);
    String t = ctx.addLayer(n, "", new GlobalAvgPool(), x.tensor());
    int[] outDims = x.dims().length == 4 ? new int[] {1, chw[0], 1, 1} : new int[] {1, chw[0], 1};
    ctx.define(n.output(0), new ImportContext.Value(t, TensorLayout.nchw(outDims), ElementType.FLOAT, Padding.NONE));
  }
}
