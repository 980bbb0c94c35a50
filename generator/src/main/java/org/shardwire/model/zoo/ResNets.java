package org.shardwire.model.zoo;

import org.shardwire.model.Graph;
import org.shardwire.model.Shape;

/**
 * ResNets (He et al. 2016) as torchvision builds them: bottleneck stride on the 3x3 conv
 * ("v1.5", about 4.1 G MACs for ResNet-50 at 224x224), projection shortcuts (1x1 conv + BN)
 * where the shape changes. The last BatchNorm of each residual branch starts at a quarter of the
 * usual gamma so random-weight activations do not grow through the residual sum.
 */
public final class ResNets {
  private static final float RESIDUAL_GAMMA = 0.25f;

  private ResNets() {}

  public static Graph resnet50(Shape input, long seed) {
    return imagenet("resnet50", input, seed, new int[] {3, 4, 6, 3}, true);
  }

  public static Graph resnet18(Shape input, long seed) {
    return imagenet("resnet18", input, seed, new int[] {2, 2, 2, 2}, false);
  }

  private static Graph imagenet(String name, Shape input, long seed, int[] blocks, boolean bottleneck) {
    NetBuilder b = new NetBuilder(name, new WeightInit(seed));
    String x = b.input("image", input);
    x = b.convBn("conv1", x, 64, 7, 2, 3, 1, true, 1f);
    x = b.maxPool("maxpool", x, 3, 2, 1);
    int[] widths = {64, 128, 256, 512};
    for (int stage = 0; stage < 4; stage++) {
      for (int i = 0; i < blocks[stage]; i++) {
        int stride = (i == 0 && stage > 0) ? 2 : 1;
        String prefix = "layer" + (stage + 1) + "." + i;
        x = bottleneck ? bottleneckBlock(b, prefix, x, widths[stage], stride)
            : basicBlock(b, prefix, x, widths[stage], stride);
      }
    }
    x = b.globalAvgPool("avgpool", x);
    x = b.fullyConnected("fc", x, 1000);
    return b.build(x);
  }

  /** 32x32x3 CIFAR-style ResNet-8: a 3x3 stem and one basic block per stage (16, 32, 64), 10 classes. */
  public static Graph resnet8Cifar(Shape input, long seed) {
    NetBuilder b = new NetBuilder("resnet8-cifar", new WeightInit(seed));
    String x = b.input("image", input);
    x = b.convBn("conv1", x, 16, 3, 1, 1, 1, true, 1f);
    x = basicBlock(b, "layer1.0", x, 16, 1);
    x = basicBlock(b, "layer2.0", x, 32, 2);
    x = basicBlock(b, "layer3.0", x, 64, 2);
    x = b.globalAvgPool("avgpool", x);
    x = b.fullyConnected("fc", x, 10);
    return b.build(x);
  }

  static String basicBlock(NetBuilder b, String p, String in, int width, int stride) {
    String y = b.convBn(p + ".conv1", in, width, 3, stride, 1, 1, true, 1f);
    y = b.convBn(p + ".conv2", y, width, 3, 1, 1, 1, false, RESIDUAL_GAMMA);
    String shortcut = shortcut(b, p, in, width, stride);
    return b.addTensors(p + ".add", y, shortcut, true);
  }

  static String bottleneckBlock(NetBuilder b, String p, String in, int width, int stride) {
    String y = b.convBn(p + ".conv1", in, width, 1, 1, 0, 1, true, 1f);
    y = b.convBn(p + ".conv2", y, width, 3, stride, 1, 1, true, 1f);
    y = b.convBn(p + ".conv3", y, width * 4, 1, 1, 0, 1, false, RESIDUAL_GAMMA);
    String shortcut = shortcut(b, p, in, width * 4, stride);
    return b.addTensors(p + ".add", y, shortcut, true);
  }

  private static String shortcut(NetBuilder b, String p, String in, int out, int stride) {
    if (stride == 1 && b.channels(in) == out) {
      return in;
    }
    return b.convBn(p + ".downsample", in, out, 1, stride, 0, 1, false, 1f);
  }
}
