package org.shardwire.model.onnx;

/**
 * QuantizeLinear and DequantizeLinear. On a constant (quantized weights), DequantizeLinear is
 * evaluated: (q - zero_point) * scale, per axis when the scale is a vector. On a computed tensor
 * both carry the real value through unchanged: the imported graph is the model's real-valued
 * meaning, and the project's own int8 rules quantize it again (docs/numerics.md), so the foreign
 * model's rounding points are not reproduced.
 */
final class QuantImport {
  private QuantImport() {}

  static void quantizeOrDequantize(OnnxNode n, ImportContext ctx) {
    OpImport.requireSingleOutput(n);
    OnnxTensor scale = ctx.constant(n, 1);
    OnnxTensor zero = ctx.optionalConstant(n, 2);
    for (int i = 0; i < scale.size(); i++) {
      if (!(scale.get(i) > 0) || Double.isInfinite(scale.get(i))) {
        throw n.error("scale must be positive and finite, got " + scale.get(i));
      }
    }
    if (ctx.isConstant(n.input(0))) {
      OnnxTensor c = ctx.constant(n, 0);
      if (n.opType().equals("QuantizeLinear")) {
        throw n.error("quantizes a constant; only DequantizeLinear of quantized weights is evaluated at import");
      }
      ctx.defineConstant(n.output(0), dequantize(n, c, scale, zero));
      return;
    }
    ImportContext.Value x = ctx.activation(n, 0);
    ElementType type = n.opType().equals("QuantizeLinear")
        ? (zero == null ? ElementType.UINT8 : zero.type())
        : ElementType.FLOAT;
    ctx.define(n.output(0), new ImportContext.Value(x.tensor(), x.layout(), type, x.pendingPad()));
  }

  static OnnxTensor dequantize(OnnxNode n, OnnxTensor q, OnnxTensor scale, OnnxTensor zero) {
    int[] d = q.dims();
    int axis = (int) n.getInt("axis", 1);
    if (axis < 0) {
      axis += d.length;
    }
    int channels = scale.size();
    int inner = 1;
    if (channels > 1) {
      if (axis < 0 || axis >= d.length || d[axis] != channels) {
        throw n.error("scale has " + channels + " values but axis " + n.getInt("axis", 1) + " of "
            + OnnxImporter.dims(d) + " does not have that many");
      }
      for (int i = axis + 1; i < d.length; i++) {
        inner *= d[i];
      }
    }
    if (zero != null && zero.size() != channels) {
      throw n.error("zero point has " + zero.size() + " values, scale has " + channels);
    }
    long[] v = q.asLongs("DequantizeLinear input");
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      int c = channels == 1 ? 0 : (i / inner) % channels;
      double z = zero == null ? 0 : zero.get(c);
      out[i] = (float) ((v[i] - z) * scale.get(c));
    }
    return OnnxTensor.ofFloats(n.output(0), d, out);
  }
}
