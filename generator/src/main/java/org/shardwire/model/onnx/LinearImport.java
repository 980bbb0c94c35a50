package org.shardwire.model.onnx;

import java.util.Optional;
import org.shardwire.model.Activation;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.Padding;

/**
 * Gemm and MatMul with constant weights. One row (M = 1, the classifier after a flatten) becomes a
 * FullyConnected layer whose weight columns follow the IR's element order, so a flatten of an
 * NCHW tensor keeps ONNX's CHW order without moving data. Several rows become a 1x1 conv applied
 * at every IR position, which needs the reduced axis to be the IR's channels.
 */
final class LinearImport {
  private LinearImport() {}

  static void gemm(OnnxNode n, ImportContext ctx) {
    OpImport.requireSingleOutput(n);
    ImportContext.Value a = ctx.activation(n, 0);
    if (a.dims().length != 2) {
      throw n.error("input A has shape " + OnnxImporter.dims(a.dims()) + "; Gemm needs a matrix");
    }
    if (n.getInt("transA", 0) != 0) {
      a = a.withLayout(a.layout().transpose(new int[] {1, 0}));
    }
    OnnxTensor b = ctx.constant(n, 1);
    if (b.rank() != 2) {
      throw n.error("B has shape " + OnnxImporter.dims(b.dims()) + "; Gemm needs a matrix");
    }
    boolean transB = n.getInt("transB", 0) != 0;
    int k = transB ? b.dims()[1] : b.dims()[0];
    int cols = transB ? b.dims()[0] : b.dims()[1];
    float alpha = n.getFloat("alpha", 1f);
    float beta = n.getFloat("beta", 1f);
    float[] bf = b.asFloats();
    float[] kn = new float[k * cols]; // B as [K, N], scaled by alpha
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < cols; j++) {
        kn[i * cols + j] = alpha * (transB ? bf[j * k + i] : bf[i * cols + j]);
      }
    }
    float[] bias = null;
    OnnxTensor c = ctx.optionalConstant(n, 2);
    if (c != null) {
      int m = a.dims()[0];
      boolean perColumn = c.size() == 1 || (c.size() == cols && c.dims()[c.rank() - 1] == cols);
      if (!perColumn) {
        throw n.error("bias C has shape " + OnnxImporter.dims(c.dims()) + "; only a bias per output column ([" + cols
            + "], [1, " + cols + "] or a scalar) is supported, not one per row (M = " + m + ")");
      }
      bias = new float[cols];
      for (int j = 0; j < cols; j++) {
        bias[j] = beta * (float) c.get(c.size() == 1 ? 0 : j);
      }
    }
    linear(n, ctx, a, kn, k, cols, bias);
  }

  static void matMul(OnnxNode n, ImportContext ctx) {
    OpImport.requireSingleOutput(n);
    ImportContext.Value a = ctx.activation(n, 0);
    OnnxTensor b = ctx.constant(n, 1);
    if (b.rank() != 2) {
      throw n.error("B has shape " + OnnxImporter.dims(b.dims())
          + "; only a constant 2-D B (one weight matrix for every row) is supported, not batched matrices");
    }
    if (a.dims().length < 2) {
      throw n.error("input A has shape " + OnnxImporter.dims(a.dims()) + "; MatMul needs rank >= 2 here");
    }
    linear(n, ctx, a, b.asFloats(), b.dims()[0], b.dims()[1], null);
  }

  /** a [..., K] times kn [K, N] (+ bias [N]). */
  private static void linear(OnnxNode n, ImportContext ctx, ImportContext.Value a, float[] kn, int k, int cols,
                             float[] bias) {
    int[] d = a.dims();
    int last = d.length - 1;
    if (d[last] != k) {
      throw n.error("input has shape " + OnnxImporter.dims(d) + " but the weights need " + k
          + " values in its last axis (shape mismatch)");
    }
    int rows = a.layout().size() / k;
    int[] outDims = d.clone();
    outDims[last] = cols;
    Optional<FloatTensor> b = bias == null ? Optional.empty() : Optional.of(FloatTensor.vector(bias));
    if (rows == 1) {
      // IR input element j is ONNX element irToOnnx[j] = row k of B.
      int[] map = a.layout().irToOnnx();
      float[] w = new float[cols * k];
      for (int o = 0; o < cols; o++) {
        for (int j = 0; j < k; j++) {
          w[o * k + j] = kn[map[j] * cols + o];
        }
      }
      String t = ctx.addLayer(n, "", new FullyConnected(FloatTensor.of(w, cols, k), b, Activation.NONE), a.tensor());
      ctx.define(n.output(0), new ImportContext.Value(t, TensorLayout.standard(outDims, last), ElementType.FLOAT,
          Padding.NONE));
      return;
    }
    a = ChannelOrder.channelsAt(n, ctx, a, last, "input A " + OnnxImporter.dims(d) + " (" + rows + " rows)");
    float[] w = new float[cols * k];
    for (int o = 0; o < cols; o++) {
      for (int j = 0; j < k; j++) {
        w[o * k + j] = kn[j * cols + o];
      }
    }
    Conv pointwise = new Conv(FloatTensor.of(w, cols, 1, 1, k), b, 1, 1, Padding.NONE, 1, Activation.NONE);
    String t = ctx.addLayer(n, "", pointwise, a.tensor());
    ctx.define(n.output(0), new ImportContext.Value(t, a.layout().withChannelAxis(last, cols), ElementType.FLOAT,
        Padding.NONE));
  }
}
