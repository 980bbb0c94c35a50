package org.shardwire.model.onnx;

import java.util.Arrays;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;

/**
 * Brings a value into a wanted layout when the two differ only in the order of the channels and
 * that order is a channel shuffle: the Reshape-Transpose-Reshape of ShuffleNet exports becomes the
 * IR's ChannelShuffle layer. Any other difference is an error naming the node.
 */
final class ChannelOrder {
  private ChannelOrder() {}

  /** The value with ONNX axis {@code axis} as the IR's channels in order (shuffling them back if needed). */
  static ImportContext.Value channelsAt(OnnxNode n, ImportContext ctx, ImportContext.Value v, int axis, String what) {
    if (v.layout().channelIsAxis(axis)) {
      return v;
    }
    return conform(n, ctx, v, v.layout().withChannelAxis(axis, v.dims()[axis]), what);
  }

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
    Layer shuffle = shuffleFor(source);
    if (shuffle == null) {
      throw mismatch(n, v, want, what);
    }
    String t = ctx.addLayer(n, "shuffle", shuffle, v.tensor());
    return new ImportContext.Value(t, want, v.type(), v.pendingPad());
  }

  /** A ChannelShuffle or InsideShuffle (per-device slices) whose permutation is {@code source}, or null. */
  static Layer shuffleFor(int[] source) {
    int c = source.length;
    for (int g = 2; g <= c; g++) {
      if (c % g == 0 && Arrays.equals(ChannelShuffle.permutation(c, g), source)) {
        return new ChannelShuffle(g);
      }
    }
    for (int d = 2; d <= c; d++) {
      if (c % d != 0) {
        continue;
      }
      for (int perDevice = 2; perDevice * d <= c; perDevice++) {
        int g = perDevice * d;
        if (c % g == 0) {
          InsideShuffle s = new InsideShuffle(g, d);
          if (Arrays.equals(s.permutation(c), source)) {
            return s;
          }
        }
      }
    }
    return null;
  }

  private static OnnxImportException mismatch(OnnxNode n, ImportContext.Value v, TensorLayout want, String what) {
    String detail = v.layout().irShapeString().equals(want.irShapeString())
        ? "has the right shape but its elements sit in a different order in the IR"
        : "sits in the IR as " + v.layout() + " but the op needs " + want;
    return n.error(what + " " + detail + ": a Transpose/Reshape before it moves data in a way the IR cannot express"
        + " (only relabelling, channel shuffles and inside shuffles are supported)");
  }
}
