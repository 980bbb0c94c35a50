package org.shardwire.model.zoo;

import java.util.Map;
import org.shardwire.model.Graph;
import org.shardwire.model.Shape;
import org.shardwire.model.passes.UseInsideShuffle;

/**
 * ShuffleNet v1 (Zhang et al. 2018) with the stage output channels of Table 1 of the ShuffleNet model-parallelism paper
 * (the ShuffleNet paper's Table 1, scale 1x), and I-ShuffleNet (the same network with every
 * channel shuffle replaced by an inside shuffle for a device count).
 *
 * <p>Unit (stride 1): 1x1 group conv to C/4 + BN + ReLU, channel shuffle, 3x3 depthwise + BN,
 * 1x1 group conv back to C + BN, add the input, ReLU. Unit (stride 2): the same branch with a
 * stride-2 depthwise conv and Cout - Cin outputs, ReLU, concatenated after a 3x3 stride-2 average
 * pool of the input (count_include_pad, as PyTorch's default). The first 1x1 conv of stage 2
 * is not grouped (its input has only 24 channels), as in the paper.
 */
public final class ShuffleNets {
  /** Table 1: stage 2 output channels per group count (stage 3 doubles, stage 4 doubles again). */
  public static final Map<Integer, Integer> STAGE2_CHANNELS = Map.of(1, 144, 2, 200, 3, 240, 4, 272, 8, 384);
  /** Table 1: units per stage (the first has stride 2). */
  public static final int[] REPEATS = {4, 8, 4};

  private ShuffleNets() {}

  public static Graph shuffleNetV1(int groups, Shape input, long seed) {
    Integer c2 = STAGE2_CHANNELS.get(groups);
    if (c2 == null) {
      throw new IllegalArgumentException("ShuffleNet v1 groups must be one of 1, 2, 3, 4, 8 (Table 1), got " + groups);
    }
    NetBuilder b = new NetBuilder("shufflenet-g" + groups, new WeightInit(seed));
    String x = b.input("image", input);
    x = b.convBn("conv1", x, 24, 3, 2, 1, 1, true, 1f);
    x = b.maxPool("maxpool", x, 3, 2, 1);
    int[] outs = {c2, 2 * c2, 4 * c2};
    for (int stage = 0; stage < 3; stage++) {
      for (int i = 0; i < REPEATS[stage]; i++) {
        String p = "stage" + (stage + 2) + "." + i;
        x = unit(b, p, x, outs[stage], groups, i == 0 ? 2 : 1, stage == 0 && i == 0);
      }
    }
    x = b.globalAvgPool("globalpool", x);
    x = b.fullyConnected("fc", x, 1000);
    return b.build(x);
  }

  /** ShuffleNet v1 with inside shuffle for {@code devices} devices (the device count must divide the groups). */
  public static Graph iShuffleNet(int groups, int devices, Shape input, long seed) {
    Graph g = new UseInsideShuffle(devices).apply(shuffleNetV1(groups, input, seed));
    return g.withName("i-shufflenet-g" + groups + "-d" + devices);
  }

  /**
   * A fast test net at 32x32x3 with g = 2: 3x3 stem, 3x3 stride-2 max pool, a stride-2 (concat)
   * unit to 48 channels, a stride-1 (add) unit, a stride-2 unit to 96 channels, a stride-1 unit,
   * global pool, 10 classes.
   */
  public static Graph tiny(Shape input, long seed) {
    return tiny(2, input, seed);
  }

  /** {@link #tiny} with {@code groups} groups (2 or 4: every grouped layer's channels divide by it). */
  static Graph tiny(int groups, Shape input, long seed) {
    NetBuilder b = new NetBuilder("shufflenet-tiny", new WeightInit(seed));
    String x = b.input("image", input);
    x = b.convBn("conv1", x, 24, 3, 1, 1, 1, true, 1f);
    x = b.maxPool("maxpool", x, 3, 2, 1);
    x = unit(b, "stage2.0", x, 48, groups, 2, true);
    x = unit(b, "stage2.1", x, 48, groups, 1, false);
    x = unit(b, "stage3.0", x, 96, groups, 2, false);
    x = unit(b, "stage3.1", x, 96, groups, 1, false);
    x = b.globalAvgPool("globalpool", x);
    x = b.fullyConnected("fc", x, 10);
    return b.build(x);
  }

  /** {@link #tiny} with inside shuffle for {@code devices} devices (the device count must divide its 2 groups). */
  public static Graph iTiny(int devices, Shape input, long seed) {
    Graph g = new UseInsideShuffle(devices).apply(tiny(input, seed));
    return g.withName("i-shufflenet-tiny-d" + devices);
  }

  /** {@link #tiny} with {@code groups} groups and inside shuffle for {@code devices} devices (it must divide the groups). */
  public static Graph iTiny(int groups, int devices, Shape input, long seed) {
    Graph g = new UseInsideShuffle(devices).apply(tiny(groups, input, seed));
    return g.withName("i-shufflenet-tiny-g" + groups + "-d" + devices);
  }

  private static String unit(NetBuilder b, String p, String in, int out, int groups, int stride,
                             boolean ungroupedFirst) {
    int inC = b.channels(in);
    int mid = out / 4;
    int branchOut = stride == 2 ? out - inC : out;
    String y = b.convBn(p + ".gconv1", in, mid, 1, 1, 0, ungroupedFirst ? 1 : groups, true, 1f);
    if (groups > 1) {
      y = b.shuffle(p + ".shuffle", y, groups);
    }
    y = b.convBn(p + ".dwconv", y, mid, 3, stride, 1, mid, false, 1f);
    if (stride == 2) {
      y = b.convBn(p + ".gconv2", y, branchOut, 1, 1, 0, groups, true, 1f);
      String shortcut = b.avgPool(p + ".shortcut", in, 3, 2, 1);
      return b.concat(p + ".concat", shortcut, y);
    }
    y = b.convBn(p + ".gconv2", y, branchOut, 1, 1, 0, groups, false, 0.25f);
    return b.addTensors(p + ".add", y, in, true);
  }
}
