package org.shardwire.model.onnx;

import java.util.Arrays;
import org.shardwire.model.Add;
import org.shardwire.model.BatchNorm;
import org.shardwire.model.Clip;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Layer;
import org.shardwire.model.Relu;

/** Relu, Clip, Add and BatchNormalization: per-element or per-channel, so any layout works. */
final class ElementwiseImport {
  private ElementwiseImport() {}

  static void clamp(OnnxNode n, ImportContext ctx) {
    OpImport.requireSingleOutput(n);
    ImportContext.Value x = ctx.activation(n, 0);
    float lo = Float.NEGATIVE_INFINITY;
    float hi = Float.POSITIVE_INFINITY;
    if (n.opType().equals("Clip")) {
      if (ctx.opset < 11) {
        lo = n.getFloat("min", lo);
        hi = n.getFloat("max", hi);
      } else {
        OnnxTensor min = ctx.optionalConstant(n, 1);
        OnnxTensor max = ctx.optionalConstant(n, 2);
        lo = min == null ? lo : (float) ConvImport.scalar(n, min, "min");
        hi = max == null ? hi : (float) ConvImport.scalar(n, max, "max");
      }
    } else {
      lo = 0f;
    }
    if (lo == Float.NEGATIVE_INFINITY && hi == Float.POSITIVE_INFINITY) {
      ctx.define(n.output(0), x); // Clip without bounds is the identity.
      return;
    }
    if (!(lo < hi)) {
      throw n.error("min " + lo + " must be smaller than max " + hi);
    }
    Layer layer = lo == 0f && hi == Float.POSITIVE_INFINITY ? new Relu() : new Clip(lo, hi);
    String t = ctx.addLayer(n, "", layer, x.tensor());
    ctx.define(n.output(0), new ImportContext.Value(t, x.layout(), x.type(), x.pendingPad()));
  }

  static void add(OnnxNode n, ImportContext ctx) {
    OpImport.requireSingleOutput(n);
    boolean c0 = ctx.isConstant(n.input(0));
    boolean c1 = ctx.isConstant(n.input(1));
    if (c0 && c1) {
      throw n.error("adds two constants; constant-only subgraphs are not supported");
    }
    if (c0 || c1) {
      addConstant(n, ctx, ctx.activation(n, c0 ? 1 : 0), ctx.constant(n, c0 ? 0 : 1));
      return;
    }
    ImportContext.Value a = ctx.activation(n, 0);
    ImportContext.Value b = ctx.activation(n, 1);
    if (!Arrays.equals(a.dims(), b.dims())) {
      throw n.error("inputs have different shapes " + OnnxImporter.dims(a.dims()) + " and "
          + OnnxImporter.dims(b.dims()) + " (shape mismatch; Add of two computed tensors needs equal shapes)");
    }
    b = ChannelOrder.conform(n, ctx, b, a.layout(), "input '" + n.input(1) + "'");
    String t = ctx.addLayer(n, "", Add.plain(), a.tensor(), b.tensor());
    ctx.define(n.output(0), new ImportContext.Value(t, a.layout(), a.type(), a.pendingPad()));
  }

  /** x + constant where the constant varies only along the IR's channels: a BatchNorm with unit scale. */
  private static void addConstant(OnnxNode n, ImportContext ctx, ImportContext.Value x, OnnxTensor c) {
    float[] full = broadcast(n, c, x.dims());
    float[] ir = x.layout().toIr(full);
    int[] hwc = x.layout().irShape();
    int channels = hwc[2];
    float[] bias = Arrays.copyOf(ir, channels);
    for (int i = 0; i < ir.length; i++) {
      if (Float.compare(ir[i], bias[i % channels]) != 0) {
        throw n.error("adds constant '" + c.name() + "' " + OnnxImporter.dims(c.dims())
            + " that varies over the spatial positions; only a per-channel constant (a bias) is supported");
      }
    }
    float[] ones = new float[channels];
    Arrays.fill(ones, 1f);
    BatchNorm bn = new BatchNorm(FloatTensor.vector(ones), FloatTensor.vector(bias),
        FloatTensor.vector(new float[channels]), FloatTensor.vector(ones), 0f);
    String t = ctx.addLayer(n, "", bn, x.tensor());
    ctx.define(n.output(0), new ImportContext.Value(t, x.layout(), ElementType.FLOAT, x.pendingPad()));
  }

  /** Numpy-style broadcast of a constant to {@code dims} (the constant may not be larger). */
  static float[] broadcast(OnnxNode n, OnnxTensor c, int[] dims) {
    int[] cd = c.dims();
    int r = dims.length;
    if (cd.length > r) {
      throw n.error("constant '" + c.name() + "' " + OnnxImporter.dims(cd) + " does not broadcast to "
          + OnnxImporter.dims(dims));
    }
    int[] aligned = new int[r];
    Arrays.fill(aligned, 1);
    System.arraycopy(cd, 0, aligned, r - cd.length, cd.length);
    for (int i = 0; i < r; i++) {
      if (aligned[i] != 1 && aligned[i] != dims[i]) {
        throw n.error("constant '" + c.name() + "' " + OnnxImporter.dims(cd) + " does not broadcast to "
            + OnnxImporter.dims(dims) + " (shape mismatch)");
      }
    }
    int total = 1;
    for (int d : dims) {
      total *= d;
    }
    float[] src = c.asFloats();
    float[] out = new float[total];
    int[] coord = new int[r];
    for (int i = 0; i < total; i++) {
      int idx = 0;
      for (int k = 0; k < r; k++) {
        idx = idx * aligned[k] + (aligned[k] == 1 ? 0 : coord[k]);
      }
      out[i] = src[idx];
      for (int k = r - 1; k >= 0; k--) {
        if (++coord[k] < dims[k]) {
          break;
        }
        coord[k] = 0;
      }
    }
    return out;
  }

  static void batchNorm(OnnxNode n, ImportContext ctx) {
    if (n.getInt("training_mode", 0) != 0) {
      throw n.error("training_mode=1 is not supported (inference only)");
    }
    OpImport.requireSingleOutput(n);
    ImportContext.Value x = ctx.activation(n, 0);
    int[] d = x.dims();
    if (d.length < 2) {
      throw n.error("input " + OnnxImporter.dims(d) + " must have channels at axis 1");
    }
    x = ChannelOrder.channelsAt(n, ctx, x, 1, "input '" + n.input(0) + "'");
    int c = d[1];
    FloatTensor[] p = new FloatTensor[4];
    String[] names = {"scale", "B", "mean", "var"};
    for (int i = 0; i < 4; i++) {
      OnnxTensor t = ctx.constant(n, i + 1);
      if (t.size() != c) {
        throw n.error(names[i] + " has " + t.size() + " values but the input has " + c + " channels (shape mismatch)");
      }
      p[i] = FloatTensor.vector(t.asFloats());
    }
    BatchNorm bn = new BatchNorm(p[0], p[1], p[2], p[3], n.getFloat("epsilon", 1e-5f));
    String t = ctx.addLayer(n, "", bn, x.tensor());
    ctx.define(n.output(0), new ImportContext.Value(t, x.layout(), ElementType.FLOAT, x.pendingPad()));
  }
}
