package org.shardwire.model;

import java.util.List;

/**
 * ShuffleNet's channel shuffle: view the C channels as [groups, C / groups], transpose, flatten.
 * Output channel {@code q * groups + p} is input channel {@code p * (C / groups) + q}. A pure
 * permutation: no arithmetic.
 */
public record ChannelShuffle(int groups) implements Layer {
  public ChannelShuffle {
    if (groups < 1) {
      throw new IllegalArgumentException("channel shuffle groups must be >= 1, got " + groups);
    }
  }

  /** {@code source[o]} is the input channel that output channel {@code o} takes. */
  public static int[] permutation(int channels, int groups) {
    int perGroup = channels / groups;
    int[] source = new int[channels];
    for (int o = 0; o < channels; o++) {
      source[o] = (o % groups) * perGroup + o / groups;
    }
    return source;
  }

  public int[] permutation(int channels) {
    return permutation(channels, groups);
  }

  @Override
  public String op() {
    return "ChannelShuffle";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 1);
    Shape in = inputs.get(0);
    if (in.c() % groups != 0) {
      throw GraphException.at(node, this, "input has shape " + in + " but " + in.c() + " channels do not split into "
          + groups + " groups");
    }
    return in;
  }

  @Override
  public String attributes() {
    return "g" + groups;
  }
}
