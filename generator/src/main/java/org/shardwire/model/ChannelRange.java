package org.shardwire.model;

import java.util.List;

/**
 * Channels [from, to) of the input, every pixel (an ONNX Slice on the channel axis); values do
 * not move within the range. Channel groups use it where a board keeps part of a stream and sends
 * the rest to another board (docs/channel-groups.md).
 */
public record ChannelRange(int from, int to) implements Layer {
  public ChannelRange {
    if (from < 0 || to <= from) {
      throw new IllegalArgumentException("channel range needs 0 <= from < to, got [" + from + ", " + to + ")");
    }
  }

  /** {@code source[o]} is the input channel that output channel {@code o} takes. */
  public int[] source() {
    int[] s = new int[to - from];
    for (int o = 0; o < s.length; o++) {
      s[o] = from + o;
    }
    return s;
  }

  @Override
  public String op() {
    return "ChannelRange";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 1);
    Shape in = inputs.get(0);
    if (to > in.c()) {
      throw GraphException.at(node, this, "input " + in + " has no channels [" + from + ", " + to + ")");
    }
    return new Shape(in.h(), in.w(), to - from);
  }

  @Override
  public String attributes() {
    return "[" + from + ", " + to + ")";
  }
}
