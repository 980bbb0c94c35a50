package org.shardwire.model.onnx;

/** Dispatches one ONNX node to the importer of its op family. */
final class OpImport {
  private OpImport() {}

  static void apply(OnnxNode n, ImportContext ctx) {
    for (String out : n.outputs()) {
      if (!out.isEmpty() && ctx.isKnown(out)) {
        throw n.error("output '" + out + "' is already defined by another node or initializer");
      }
    }
    try {
      dispatch(n, ctx);
    } catch (OnnxImportException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // An IR record refused the values (e.g. a pool padding not smaller than its kernel).
      throw n.error(e.getMessage());
    }
  }

  private static void dispatch(OnnxNode n, ImportContext ctx) {
    switch (n.opType()) {
      case "Conv" -> ConvImport.conv(n, ctx);
      case "QLinearConv" -> ConvImport.qlinearConv(n, ctx);
      case "MaxPool", "AveragePool" -> PoolImport.pool(n, ctx);
      case "GlobalAveragePool" -> PoolImport.globalAverage(n, ctx);
      case "Relu", "Clip" -> ElementwiseImport.clamp(n, ctx);
      case "Add" -> ElementwiseImport.add(n, ctx);
      case "BatchNormalization" -> ElementwiseImport.batchNorm(n, ctx);
      case "Gemm" -> LinearImport.gemm(n, ctx);
      case "MatMul" -> LinearImport.matMul(n, ctx);
      case "Flatten", "Reshape", "Transpose" -> ShapeImport.relabel(n, ctx);
      case "Concat" -> ShapeImport.concat(n, ctx);
      case "Pad" -> ShapeImport.pad(n, ctx);
      case "Constant", "ConstantOfShape" -> ConstantImport.constant(n, ctx);
      case "QuantizeLinear", "DequantizeLinear" -> QuantImport.quantizeOrDequantize(n, ctx);
      default -> throw n.error("unsupported op"); // refuseUnsupported lists these before import starts
    }
  }

  /** The single-output ops all define output 0; extra outputs (MaxPool's Indices, BN training stats) are refused. */
  static void requireSingleOutput(OnnxNode n) {
    for (int i = 1; i < n.outputs().size(); i++) {
      if (!n.output(i).isEmpty()) {
        throw n.error("output " + i + " ('" + n.output(i) + "') is not supported; only the first output is");
      }
    }
  }
}
