package org.shardwire.model.zoo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.model.Graph;
import org.shardwire.model.Shape;

/**
 * The built-in models by name (the names {@code --model} accepts), each with its default input
 * shape. Weights are seeded (see {@link WeightInit}); the default seed is {@link #DEFAULT_SEED}.
 */
public final class ModelZoo {
  public static final long DEFAULT_SEED = 1;

  /** Builds a graph for an input shape and seed. */
  @FunctionalInterface
  public interface Factory {
    Graph build(Shape input, long seed);
  }

  /** One model of the zoo. */
  public record Entry(String name, String description, Shape defaultInput, Factory factory) {
    public Graph build(Shape input, long seed) {
      return factory.build(input, seed);
    }
  }

  private static final Map<String, Entry> ENTRIES = entries();

  private ModelZoo() {}

  private static Map<String, Entry> entries() {
    Shape imagenet = Shape.of(224, 224, 3);
    Shape cifar = Shape.of(32, 32, 3);
    Map<String, Entry> m = new LinkedHashMap<>();
    put(m, new Entry("resnet50", "ResNet-50 (torchvision v1.5), 1000 classes", imagenet, ResNets::resnet50));
    put(m, new Entry("resnet18", "ResNet-18, 1000 classes", imagenet, ResNets::resnet18));
    for (int g : new int[] {1, 2, 3, 4, 8}) {
      put(m, new Entry("shufflenet-g" + g, "ShuffleNet v1 1x, " + g + " group(s) (Table 1)", imagenet,
          (in, seed) -> ShuffleNets.shuffleNetV1(g, in, seed)));
    }
    for (int g : new int[] {2, 3, 4, 8}) {
      for (int d = 2; d <= g; d++) {
        if (g % d == 0) {
          int devices = d;
          put(m, new Entry("i-shufflenet-g" + g + "-d" + d, "I-ShuffleNet: ShuffleNet v1 g" + g
              + " with inside shuffle for " + d + " devices", imagenet,
              (in, seed) -> ShuffleNets.iShuffleNet(g, devices, in, seed)));
        }
      }
    }
    put(m, new Entry("resnet8-cifar", "ResNet-8 for 32x32 inputs, 10 classes (fast test net)", cifar,
        ResNets::resnet8Cifar));
    put(m, new Entry("shufflenet-tiny", "ShuffleNet g2 with 4 units for 32x32 inputs, 10 classes (fast test net)",
        cifar, ShuffleNets::tiny));
    put(m, new Entry("i-shufflenet-tiny-d2", "shufflenet-tiny with inside shuffle for 2 devices (fast channel-group "
        + "test net)", cifar, (in, seed) -> ShuffleNets.iTiny(2, in, seed)));
    put(m, new Entry("i-shufflenet-tiny-g4-d4", "shufflenet-tiny with 4 groups and inside shuffle for 4 devices "
        + "(fast 4-board channel-group test net)", cifar, (in, seed) -> ShuffleNets.iTiny(4, 4, in, seed)));
    return Collections.unmodifiableMap(m);
  }

  private static void put(Map<String, Entry> m, Entry e) {
    m.put(e.name(), e);
  }

  /** Every model name, in a fixed order. */
  public static List<String> names() {
    return new ArrayList<>(ENTRIES.keySet());
  }

  public static List<Entry> entriesInOrder() {
    return new ArrayList<>(ENTRIES.values());
  }

  /** The entry for a name; an unknown name throws IllegalArgumentException listing the allowed names. */
  public static Entry entry(String name) {
    Entry e = ENTRIES.get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown model '" + name + "'; allowed: " + String.join(", ", names()));
    }
    return e;
  }

  /** The model at its default input shape and the default seed. */
  public static Graph build(String name) {
    Entry e = entry(name);
    return e.build(e.defaultInput(), DEFAULT_SEED);
  }

  public static Graph build(String name, Shape input, long seed) {
    return entry(name).build(input, seed);
  }
}
