package org.shardwire.model;

import java.util.List;

/**
 * One operation of the graph. Layers are immutable values; the graph gives them names and inputs.
 * Tensors are NHWC with batch 1 (see {@link Shape}). Weights live in the layer as
 * {@link FloatTensor}s (conv: OHWI = [out, kh, kw, in / groups]; fully connected: [out, in] with
 * the input flattened in NHWC order).
 *
 * <p>MACs count multiply-accumulates of Conv and FullyConnected only (the published ResNet and
 * ShuffleNet figures count the same way); params count stored weights and biases, and BatchNorm's
 * scale and shift (not its running statistics), as the published parameter counts do.
 */
public sealed interface Layer
    permits Conv, FullyConnected, BatchNorm, Relu, Clip, MaxPool, AvgPool, GlobalAvgPool, Add, Concat,
        Flatten, ChannelShuffle, InsideShuffle, ChannelRange {

  /** The op name shown in tables and error messages ("Conv", "Add", ...). */
  String op();

  /** Checks the input shapes and returns the output shape; throws {@link GraphException} naming {@code node}. */
  Shape outputShape(String node, List<Shape> inputs);

  default long macs(List<Shape> inputs, Shape output) {
    return 0;
  }

  default long params() {
    return 0;
  }

  /** The fused activation, {@link Activation#NONE} for ops that cannot carry one. */
  default Activation activation() {
    return Activation.NONE;
  }

  /** A short description of the attributes for tables ("k3x3 s2 p1 g3 relu"). */
  default String attributes() {
    return "";
  }

  /** Throws unless there are exactly {@code n} inputs. */
  static void requireInputs(String node, Layer layer, List<Shape> inputs, int n) {
    if (inputs.size() != n) {
      throw GraphException.at(node, layer, "takes " + n + " input" + (n == 1 ? "" : "s") + ", got " + inputs.size());
    }
  }
}
