package org.shardwire.model.onnx;

import java.util.Arrays;
import java.util.List;

/** Constant and ConstantOfShape nodes, and the constant folding of shape ops on constants. */
final class ConstantImport {
  private ConstantImport() {}

  static void constant(OnnxNode n, ImportContext ctx) {
    OpImport.requireSingleOutput(n);
    String out = n.output(0);
    if (n.opType().equals("ConstantOfShape")) {
      long[] shape = ctx.constant(n, 0).asLongs("ConstantOfShape shape");
      int[] dims = new int[shape.length];
      int count = 1;
      for (int i = 0; i < dims.length; i++) {
        if (shape[i] <= 0) {
          throw n.error("shape " + Arrays.toString(shape) + " must be positive in every dimension");
        }
        dims[i] = (int) shape[i];
        count *= dims[i];
      }
      OnnxTensor v = n.getTensor("value");
      if (v != null && v.size() != 1) {
        throw n.error("value must hold one element");
      }
      if (v == null || v.type().isFloating()) {
        float[] data = new float[count];
        Arrays.fill(data, v == null ? 0f : v.floats()[0]);
        ctx.defineConstant(out, new OnnxTensor(out, v == null ? ElementType.FLOAT : v.type(), dims, data, null));
      } else {
        long[] data = new long[count];
        Arrays.fill(data, v.longs()[0]);
        ctx.defineConstant(out, new OnnxTensor(out, v.type(), dims, null, data));
      }
      return;
    }
    OnnxTensor t = n.getTensor("value");
    if (t == null && n.has("value_float")) {
      t = OnnxTensor.ofFloats(out, new int[0], new float[] {n.getFloat("value_float", 0f)});
    }
    if (t == null && n.has("value_int")) {
      t = OnnxTensor.ofLongs(out, ElementType.INT64, new int[0], new long[] {n.getInt("value_int", 0)});
    }
    if (t == null && n.has("value_ints")) {
      long[] v = n.getInts("value_ints");
      t = OnnxTensor.ofLongs(out, ElementType.INT64, new int[] {v.length}, v);
    }
    if (t == null) {
      throw n.error("needs a value, value_float, value_int or value_ints attribute (others are not supported)");
    }
    ctx.defineConstant(out, new OnnxTensor(out, t.type(), t.dims(), t.floats(), t.longs()));
  }

  /** Reshape (perm == null) or transpose a constant to {@code dims}. */
  static OnnxTensor fold(OnnxNode n, OnnxTensor c, int[] dims, int[] perm) {
    String name = n.output(0);
    if (perm == null) {
      return new OnnxTensor(name, c.type(), dims, c.floats(), c.longs());
    }
    // Output element at coordinate o is input element at coordinate i with i[perm[k]] = o[k].
    int[] in = c.dims();
    int r = in.length;
    int[] inStride = new int[r];
    int s = 1;
    for (int k = r - 1; k >= 0; k--) {
      inStride[k] = s;
      s *= in[k];
    }
    int size = c.size();
    int[] src = new int[size];
    int[] coord = new int[r];
    for (int p = 0; p < size; p++) {
      int idx = 0;
      for (int k = 0; k < r; k++) {
        idx += coord[k] * inStride[perm[k]];
      }
      src[p] = idx;
      for (int k = r - 1; k >= 0; k--) {
        if (++coord[k] < dims[k]) {
          break;
        }
        coord[k] = 0;
      }
    }
    if (c.floats() != null) {
      float[] out = new float[size];
      for (int p = 0; p < size; p++) {
        out[p] = c.floats()[src[p]];
      }
      return new OnnxTensor(name, c.type(), dims, out, null);
    }
    long[] out = new long[size];
    for (int p = 0; p < size; p++) {
      out[p] = c.longs()[src[p]];
    }
    return new OnnxTensor(name, c.type(), dims, null, out);
  }

  static OnnxTensor concat(OnnxNode n, List<OnnxTensor> parts, int axis) {
    OnnxTensor first = parts.get(0);
    int[] dims = first.dims().clone();
    int total = 0;
    for (OnnxTensor p : parts) {
      if (p.rank() != dims.length || p.type() != first.type()) {
        throw n.error("constant inputs differ in rank or type");
      }
      total += p.dims()[axis];
    }
    dims[axis] = total;
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= dims[i];
    }
    int inner = 1;
    for (int i = axis + 1; i < dims.length; i++) {
      inner *= dims[i];
    }
    boolean floating = first.floats() != null;
    float[] f = floating ? new float[outer * total * inner] : null;
    long[] l = floating ? null : new long[outer * total * inner];
    int pos = 0;
    for (int o = 0; o < outer; o++) {
      for (OnnxTensor p : parts) {
        int chunk = p.dims()[axis] * inner;
        if (floating) {
          System.arraycopy(p.floats(), o * chunk, f, pos, chunk);
        } else {
          System.arraycopy(p.longs(), o * chunk, l, pos, chunk);
        }
        pos += chunk;
      }
    }
    return new OnnxTensor(n.output(0), first.type(), dims, f, l);
  }
}
