package org.shardwire.model.onnx;

import java.util.Arrays;
import org.shardwire.model.ChannelShuffle;

/**
 * Brings a value into a wanted layout when the two differ only in the order of the channels and
 * that order is a channel shuffle: the Reshape-Transpose-Reshape of ShuffleNet exports becomes the
 * IR's ChannelShuffle layer. Any other difference is an error naming the node.
 */
final class ChannelOrder {
  private ChannelOrder() {}

  static ImportContext.Value conform(OnnxNode n, ImportContext ctx, ImportContext.Value v, TensorLayout want,
                                     String what) {
    if (v.layout().sameMapping(want)) {
      return v;
    }
    int[] hwc = want.irShape();
    if (!Arrays.equals(v.layout().irShape(), hwc) || !Arrays.equals(v.layout().onnxDims(), want.onnxDims())) {
      throw mismatch(n, v, want, what);
    }
    int c = hwc[2];
    int[] have = v.layout().irToOnnx();
    int[] need = want.irToOnnx();
    // IR index of each ONNX element in the current layout.
    int[] irOf = new int[have.length];
    for (int i = 0; i < have.length; i++) {
      irOf[have[i]] = i;
    }
    // source[o]: the channel of the current IR tensor that wanted channel o takes, the same at every pixel.
    int[] source = new int[c];
    for (int i = 0; i < need.length; i++) {
      int from = irOf[need[i]];
      if (from / c != i / c) {
        throw mismatch(n, v, want, what);
      }
      int o = i % c;
      if (i < c) {
        source[o] = from % c;
      } else if (source[o] != from % c) {
        throw mismatch(n, v, want, what);
      }
    }
    for (int g = 2; g <= c; g++) {
      if (c % g == 0 && Arrays.equals(ChannelShuffle.permutation(c, g), source)) {
        String t = ctx.addLayer(n, "shuffle", new ChannelShuffle(g), v.tensor());
        return new ImportContext.Value(t, want, v.type(), v.pendingPad());
      }
    }
    throw mismatch(n, v, want, what);
  }

  private static OnnxImportException mismatch(OnnxNode n, ImportContext.Value v, TensorLayout want, String what) {
    return n.error(what + " is laid out in the IR as " + v.layout() + " but the op needs " + want
        + "; the Transpose/Reshape before it moves data in a way the IR cannot express"
        + " (only relabelling and channel shuffles are supported)");
  }
}
