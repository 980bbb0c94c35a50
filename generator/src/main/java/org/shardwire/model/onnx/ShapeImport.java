package org.shardwire.model.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.shardwire.model.Activation;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.Flatten;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Padding;

/**
 * Flatten, Reshape, Transpose (relabelling, see {@link TensorLayout}), Concat and Pad. On constant
 * inputs these ops are evaluated at import time (weights that an exporter transposed or reshaped).
 */
final class ShapeImport {
  private ShapeImport() {}

  static void relabel(OnnxNode n, ImportContext ctx) {
    OpImport.requireSingleOutput(n);
    if (ctx.isConstant(n.input(0))) {
      OnnxTensor c = ctx.constant(n, 0);
      ctx.defineConstant(n.output(0), ConstantImport.fold(n, c, newDims(n, ctx, c.dims()),
          n.opType().equals("Transpose") ? perm(n, c.rank()) : null));
      return;
    }
    ImportContext.Value x = ctx.activation(n, 0);
    if (n.opType().equals("Transpose")) {
      ctx.define(n.output(0), x.withLayout(x.layout().transpose(perm(n, x.dims().length))));
      return;
    }
    int[] target = newDims(n, ctx, x.dims());
    TensorLayout l = x.layout().reshape(target);
    if (l != null) {
      ctx.define(n.output(0), x.withLayout(l));
      return;
    }
    if (!x.layout().isIdentityOrder()) {
      throw n.error("reshaping " + OnnxImporter.dims(x.dims()) + " to " + OnnxImporter.dims(target)
          + " would move data in the IR (its HWC order differs from ONNX's here: " + x.layout()
          + "); only reshapes that keep the elements in place are supported");
    }
    // The IR order is ONNX's order: flatten the IR tensor and view it with the new dims.
    String tensor = x.tensor();
    int[] hwc = x.layout().irShape();
    if (hwc[0] != 1 || hwc[1] != 1) {
      tensor = ctx.addLayer(n, "", new Flatten(), tensor);
    }
    int r = target.length;
    int[] starts = new int[r + 1];
    int[] perm = new int[r];
    for (int i = 0; i <= r; i++) {
      starts[i] = i;
      if (i < r) {
        perm[i] = i;
      }
    }
    ctx.define(n.output(0), new ImportContext.Value(tensor, new TensorLayout(target, starts, perm, 0, 0), x.type(),
        Padding.NONE));
  }

  private static int[] perm(OnnxNode n, int rank) {
    long[] p = n.getInts("perm");
    int[] q = new int[rank];
    if (p == null) {
      for (int i = 0; i < rank; i++) {
        q[i] = rank - 1 - i;
      }
      return q;
    }
    if (p.length != rank) {
      throw n.error("perm " + Arrays.toString(p) + " must list all " + rank + " axes");
    }
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < rank; i++) {
      if (p[i] < 0 || p[i] >= rank || seen[(int) p[i]]) {
        throw n.error("perm " + Arrays.toString(p) + " is not a permutation of 0.." + (rank - 1));
      }
      seen[(int) p[i]] = true;
      q[i] = (int) p[i];
    }
    return q;
  }

  /** Output dims of Flatten/Reshape (Transpose: the permuted dims). */
  private static int[] newDims(OnnxNode n, ImportContext ctx, int[] in) {
    switch (n.opType()) {
      case "Transpose": {
        int[] q = perm(n, in.length);
        int[] out = new int[in.length];
        for (int i = 0; i < q.length; i++) {
          out[i] = in[q[i]];
        }
        return out;
      }
      case "Flatten": {
        long axis = n.getInt("axis", 1);
        if (axis < 0) {
          axis += in.length;
        }
        if (axis < 0 || axis > in.length) {
          throw n.error("axis " + n.getInt("axis", 1) + " is out of range for rank " + in.length);
        }
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < in.length; i++) {
          if (i < axis) {
            outer *= in[i];
          } else {
            inner *= in[i];
          }
        }
        return new int[] {outer, inner};
      }
      default:
        return reshapeDims(n, ctx, in);
    }
  }

  private static int[] reshapeDims(OnnxNode n, ImportContext ctx, int[] in) {
    long[] shape = ctx.opset < 5 ? n.getInts("shape") : ctx.constant(n, 1).asLongs("Reshape shape");
    if (shape == null) {
      throw n.error("attribute shape is required");
    }
    boolean allowZero = n.getInt("allowzero", 0) != 0;
    int total = 1;
    for (int d : in) {
      total *= d;
    }
    int[] out = new int[shape.length];
    int inferred = -1;
    int known = 1;
    for (int i = 0; i < shape.length; i++) {
      long s = shape[i];
      if (s == 0 && !allowZero) {
        if (i >= in.length) {
          throw n.error("shape " + Arrays.toString(shape) + " copies axis " + i + " that the input "
              + OnnxImporter.dims(in) + " does not have");
        }
        out[i] = in[i];
      } else if (s == 0) {
        throw n.error("shape " + Arrays.toString(shape) + " makes a zero-size tensor; every dimension must be >= 1");
      } else if (s == -1) {
        if (inferred >= 0) {
          throw n.error("shape " + Arrays.toString(shape) + " has more than one -1");
        }
        inferred = i;
        continue;
      } else if (s < 0) {
        throw n.error("shape " + Arrays.toString(shape) + " has a negative dimension");
      } else {
        out[i] = (int) s;
      }
      known *= out[i];
    }
    if (inferred >= 0) {
      if (known == 0 || total % known != 0) {
        throw n.error("cannot reshape " + OnnxImporter.dims(in) + " to " + Arrays.toString(shape));
      }
      out[inferred] = total / known;
      known *= out[inferred];
    }
    if (known != total) {
      throw n.error("cannot reshape " + OnnxImporter.dims(in) + " (" + total + " values) to " + Arrays.toString(shape)
          + " (shape mismatch)");
    }
    return out;
  }

  static void concat(OnnxNode n, ImportContext ctx) {
    OpImport.requireSingleOutput(n);
    int count = n.inputCount();
    if (count == 0) {
      throw n.error("needs at least one input");
    }
    int rank = -1;
    List<Integer> valueInputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!ctx.isConstant(n.input(i))) {
        valueInputs.add(i);
      }
    }
    int[] firstDims = valueInputs.isEmpty() ? ctx.constant(n, 0).dims() : ctx.activation(n, valueInputs.get(0)).dims();
    rank = firstDims.length;
    long axisAttr = n.getInt("axis", Long.MIN_VALUE);
    if (axisAttr == Long.MIN_VALUE) {
      throw n.error("attribute axis is required");
    }
    int axis = (int) (axisAttr < 0 ? axisAttr + rank : axisAttr);
    if (axis < 0 || axis >= rank) {
      throw n.error("axis " + axisAttr + " is out of range for rank " + rank);
    }
    if (valueInputs.isEmpty()) {
      List<OnnxTensor> parts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        parts.add(ctx.constant(n, i));
      }
      ctx.defineConstant(n.output(0), ConstantImport.concat(n, parts, axis));
      return;
    }
    // Every input: same dims off the axis. Computed inputs must hold the axis as their IR channels.
    int[] sizes = new int[count];
    boolean[] zeros = new boolean[count];
    ImportContext.Value[] values = new ImportContext.Value[count];
    for (int i : valueInputs) {
      values[i] = ChannelOrder.channelsAt(n, ctx, ctx.activation(n, i), axis, "input '" + n.input(i) + "'");
    }
    ImportContext.Value first = values[valueInputs.get(0)];
    TensorLayout spatial = first.layout().withChannelAxis(axis, 1);
    for (int i = 0; i < count; i++) {
      int[] d;
      if (ctx.isConstant(n.input(i))) {
        OnnxTensor c = ctx.constant(n, i);
        for (int j = 0; j < c.size(); j++) {
          if (c.get(j) != 0) {
            throw n.error("concatenates constant '" + c.name() + "' that is not all zeros; only zero channels"
                + " (channel padding) can be concatenated from constants");
          }
        }
        d = c.dims();
        zeros[i] = true;
      } else {
        ImportContext.Value v = values[i];
        d = v.dims();
        if (!v.layout().withChannelAxis(axis, 1).sameMapping(spatial)) {
          throw n.error("input '" + n.input(i) + "' " + OnnxImporter.dims(d) + " is laid out differently from '"
              + n.input(valueInputs.get(0)) + "' " + OnnxImporter.dims(first.dims()) + " off the concat axis");
        }
      }
      if (d.length != rank) {
        throw n.error("inputs have different ranks: " + OnnxImporter.dims(firstDims) + " and " + OnnxImporter.dims(d));
      }
      for (int k = 0; k < rank; k++) {
        if (k != axis && d[k] != firstDims[k]) {
          throw n.error("inputs " + OnnxImporter.dims(firstDims) + " and " + OnnxImporter.dims(d)
              + " differ off the concat axis " + axis + " (shape mismatch)");
        }
      }
      sizes[i] = d[axis];
    }
    int total = Arrays.stream(sizes).sum();
    String tensor;
    if (valueInputs.size() == 1) {
      tensor = first.tensor();
    } else {
      String[] ins = new String[valueInputs.size()];
      for (int j = 0; j < ins.length; j++) {
        ins[j] = values[valueInputs.get(j)].tensor();
      }
      tensor = ctx.addLayer(n, valueInputs.size() == count ? "" : "values", new Concat(), ins);
    }
    if (valueInputs.size() < count) {
      // Zero channels in between: a 1x1 conv that copies each concatenated channel to its place.
      int[] target = new int[total];
      int in = 0;
      int pos = 0;
      for (int i = 0; i < count; i++) {
        for (int j = 0; j < sizes[i]; j++, pos++) {
          if (!zeros[i]) {
            target[in++] = pos;
          }
        }
      }
      tensor = ctx.addLayer(n, "zero_channels", channelPlacement(Arrays.copyOf(target, in), total), tensor);
    }
    ctx.define(n.output(0), new ImportContext.Value(tensor, first.layout().withChannelAxis(axis, total),
        first.type(), Padding.NONE));
  }

  /** A 1x1 conv with 0/1 weights: input channel i goes to output channel target[i], the rest are zero. */
  static Conv channelPlacement(int[] target, int outChannels) {
    int in = target.length;
    float[] w = new float[outChannels * in];
    for (int i = 0; i < in; i++) {
      w[target[i] * in + i] = 1f;
    }
    return new Conv(FloatTensor.of(w, outChannels, 1, 1, in), Optional.empty(), 1, 1, Padding.NONE, 1,
        Activation.NONE);
  }

  static void pad(OnnxNode n, ImportContext ctx) {
    OpImport.requireSingleOutput(n);
    String mode = n.getString("mode", "constant");
    if (!mode.equals("constant")) {
      throw n.error("mode '" + mode + "' is not supported (only constant zero padding)");
    }
    ImportContext.Value x = ctx.activationMaybePadded(n, 0);
    int[] d = x.dims();
    long[] pads;
    double value;
    if (ctx.opset < 11) {
      pads = n.getInts("pads");
      value = n.getFloat("value", 0f);
      if (pads == null) {
        throw n.error("attribute pads is required");
      }
    } else {
      pads = ctx.constant(n, 1).asLongs("Pad pads");
      OnnxTensor v = ctx.optionalConstant(n, 2);
      value = v == null ? 0 : ConvImport.scalar(n, v, "constant_value");
      if (!n.input(3).isEmpty()) {
        throw n.error("the axes input is not supported; give pads for every axis");
      }
    }
    if (value != 0) {
      throw n.error("pads with " + value + "; only zero padding is supported");
    }
    int r = d.length;
    if (pads.length != 2 * r) {
      throw n.error("pads " + Arrays.toString(pads) + " must have " + (2 * r) + " values for rank " + r);
    }
    for (long p : pads) {
      if (p < 0) {
        throw n.error("negative pads (cropping) " + Arrays.toString(pads) + " are not supported");
      }
    }
    if (r != 3 && r != 4) {
      throw n.error("input " + OnnxImporter.dims(d) + " must be NCHW or NCL");
    }
    if (pads[0] != 0 || pads[r] != 0) {
      throw n.error("pads the batch axis " + Arrays.toString(pads) + "; not supported");
    }
    ImportContext.Value v = x;
    if (pads[1] != 0 || pads[r + 1] != 0) {
      // Zero channels before and after: a 1x1 conv placing the channels (applied before any spatial pad).
      if (!v.pendingPad().isNone()) {
        throw n.error("pads channels after a spatial Pad; pad channels first");
      }
      v = ChannelOrder.channelsAt(n, ctx, v, 1, "input '" + n.input(0) + "'");
      int before = (int) pads[1];
      int total = d[1] + before + (int) pads[r + 1];
      int[] target = new int[d[1]];
      for (int i = 0; i < target.length; i++) {
        target[i] = before + i;
      }
      String t = ctx.addLayer(n, "zero_channels", channelPlacement(target, total), v.tensor());
      v = new ImportContext.Value(t, v.layout().withChannelAxis(1, total), v.type(), Padding.NONE);
    }
    Padding spatial = r == 4
        ? new Padding((int) pads[2], (int) pads[3], (int) pads[6], (int) pads[7])
        : new Padding(0, (int) pads[2], 0, (int) pads[5]);
    if (spatial.isNone()) {
      ctx.define(n.output(0), v);
      return;
    }
    v = SpatialAttrs.requireNchw(n, ctx, v);
    Padding p = v.pendingPad();
    Padding sum = new Padding(p.top() + spatial.top(), p.left() + spatial.left(), p.bottom() + spatial.bottom(),
        p.right() + spatial.right());
    // The IR tensor stays unpadded: the consumer adds the padding to its own window.
    ctx.define(n.output(0), new ImportContext.Value(v.tensor(), v.layout(), v.type(), sum));
  }
}
