package org.shardwire.model;

import java.util.List;

/**
 * Inside shuffle (Algorithm 1 of the ShuffleNet model-parallelism paper): the channels
 * are split into {@code devices} contiguous slices of C / devices channels, one per device, each
 * holding groups / devices whole groups of the neighbouring group convolutions. Each slice is
 * channel-shuffled on its own with groups / devices groups, so no channel ever crosses to another
 * device and the shuffle adds no synchronisation point.
 *
 * <p>Algorithm 1 views a device's share of the data as a 3-D array, transposes two axes and
 * writes it back in order, with a free parameter N for the split. We fix N so that the transpose
 * is the ordinary channel shuffle of the device's own groups: with one device this is exactly
 * {@link ChannelShuffle}; with one group per device it is the identity (the residual connection
 * still mixes the data, as the paper notes).
 */
public record InsideShuffle(int groups, int devices) implements Layer {
  public InsideShuffle {
    if (groups < 1 || devices < 1) {
      throw new IllegalArgumentException("inside shuffle needs groups >= 1 and devices >= 1, got groups " + groups
          + ", devices " + devices);
    }
    if (groups % devices != 0) {
      throw new IllegalArgumentException("inside shuffle: " + groups + " groups cannot be shared evenly by "
          + devices + " devices (the device count must divide the group count)");
    }
  }

  public int groupsPerDevice() {
    return groups / devices;
  }

  /** {@code source[o]} is the input channel that output channel {@code o} takes. */
  public int[] permutation(int channels) {
    int slice = channels / devices;
    int[] local = ChannelShuffle.permutation(slice, groupsPerDevice());
    int[] source = new int[channels];
    for (int d = 0; d < devices; d++) {
      for (int o = 0; o < slice; o++) {
        source[d * slice + o] = d * slice + local[o];
      }
    }
    return source;
  }

  @Override
  public String op() {
    return "InsideShuffle";
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
    return "g" + groups + " d" + devices;
  }
}
