package org.shardwire.model.onnx;

import java.util.List;

/**
 * Picks which ONNX axis of a graph input becomes the IR's channel axis, from the first node that
 * reads it: axis 1 for convolution-like ops (NCHW), the concat axis for Concat, the reduced axis for
 * Gemm/MatMul; Transpose maps its reader's choice back through the permutation; elementwise ops
 * pass their reader's choice through. Otherwise (Flatten, Reshape, no reader): axis 1 for rank 4
 * (an NCHW feature map), else the last axis.
 */
final class LayoutChoice {
  private static final int MAX_DEPTH = 64;

  private LayoutChoice() {}

  static int channelAxis(String value, int rank, List<OnnxNode> nodes, int depth) {
    int fallback = rank == 4 ? 1 : rank - 1;
    if (depth > MAX_DEPTH) {
      return fallback;
    }
    for (OnnxNode n : nodes) {
      int slot = n.proto().getInputList().indexOf(value);
      if (slot < 0) {
        continue;
      }
      Integer axis = choose(n, slot, rank, nodes, depth);
      return axis == null ? fallback : axis;
    }
    return fallback;
  }

  private static Integer choose(OnnxNode n, int slot, int rank, List<OnnxNode> nodes, int depth) {
    switch (n.opType()) {
      case "Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "BatchNormalization", "QLinearConv", "Pad":
        return rank >= 2 ? 1 : null;
      case "Concat": {
        long a = n.getInt("axis", 1);
        return (int) (a < 0 ? a + rank : a);
      }
      case "Gemm":
        return slot == 0 && n.getInt("transA", 0) != 0 ? 0 : rank - 1;
      case "MatMul":
        return rank - 1;
      case "Transpose": {
        long[] perm = n.getInts("perm");
        int out = channelAxis(n.output(0), rank, nodes, depth + 1);
        if (perm == null) {
          return rank - 1 - out;
        }
        return out >= 0 && out < perm.length ? (int) perm[out] : null;
      }
      case "QuantizeLinear", "DequantizeLinear":
        if (n.has("axis")) {
          long a = n.getInt("axis", 1);
          return (int) (a < 0 ? a + rank : a);
        }
        return channelAxis(n.output(0), rank, nodes, depth + 1);
      case "Relu", "Clip", "Add":
        return channelAxis(n.output(0), rank, nodes, depth + 1);
      default:
        return null;
    }
  }
}
