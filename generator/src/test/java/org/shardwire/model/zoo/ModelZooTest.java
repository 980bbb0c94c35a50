package org.shardwire.model.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.Graph;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Node;
import org.shardwire.model.Shape;

class ModelZooTest {
  @Test
  void resnet50MacsAndParamsMatchThePublishedFigures() {
    Graph g = ModelZoo.build("resnet50");
    assertEquals(Shape.of(224, 224, 3), g.inputShape());
    double macs = g.totalMacs();
    assertTrue(Math.abs(macs / 4.1e9 - 1) < 0.02, "ResNet-50 MACs " + macs + " not within 2% of 4.1 G");
    // torchvision's resnet50 has exactly this many parameters (weights, biases, BN gamma/beta).
    assertEquals(25_557_032L, g.totalParams());
    assertEquals(Shape.vector(1000), g.shape(g.outputs().get(0)));
  }

  @Test
  void resnet18ParamsMatchTorchvision() {
    Graph g = ModelZoo.build("resnet18");
    assertEquals(11_689_512L, g.totalParams());
    assertTrue(Math.abs(g.totalMacs() / 1.814e9 - 1) < 0.01, "ResNet-18 MACs " + g.totalMacs());
  }

  /** Table 1 of the ShuffleNet model-parallelism paper (ShuffleNet v1): output channels per stage, and spatial sizes. */
  @ParameterizedTest
  @CsvSource({"1,144,288,576", "2,200,400,800", "3,240,480,960", "4,272,544,1088", "8,384,768,1536"})
  void shuffleNetStagesHaveTheChannelsOfTable1(int groups, int c2, int c3, int c4) {
    Graph g = ModelZoo.build("shufflenet-g" + groups);
    Map<String, Shape> s = g.shapes();
    assertEquals(Shape.of(112, 112, 24), s.get("conv1.relu"));
    assertEquals(Shape.of(56, 56, 24), s.get("maxpool"));
    assertEquals(Shape.of(28, 28, c2), s.get("stage2.0.concat"));
    assertEquals(Shape.of(28, 28, c2), s.get("stage2.3.add.relu"));
    assertEquals(Shape.of(14, 14, c3), s.get("stage3.0.concat"));
    assertEquals(Shape.of(14, 14, c3), s.get("stage3.7.add.relu"));
    assertEquals(Shape.of(7, 7, c4), s.get("stage4.0.concat"));
    assertEquals(Shape.of(7, 7, c4), s.get("stage4.3.add.relu"));
    assertEquals(Shape.vector(c4), s.get("globalpool"));
    assertEquals(Shape.vector(1000), s.get("fc"));
    long units = g.nodes().stream().filter(n -> n.name().endsWith(".gconv2")).count();
    assertEquals(16, units, "Table 1: 4 + 8 + 4 units");
  }

  /** Complexity row of the ShuffleNet paper's Table 1: 143, 140, 137, 133, 137 MFLOPs (1 MAC = 1 FLOP). */
  @ParameterizedTest
  @CsvSource({"1,143", "2,140", "3,137", "4,133", "8,137"})
  void shuffleNetComplexityIsNearThePublishedFigure(int groups, double mmacs) {
    double macs = ModelZoo.build("shufflenet-g" + groups).totalMacs() / 1e6;
    assertTrue(Math.abs(macs / mmacs - 1) < 0.02, "g" + groups + ": " + macs + " M MACs vs " + mmacs);
  }

  @Test
  void groupConvolutionsUseTheGroupCount() {
    Graph g = ModelZoo.build("shufflenet-g3");
    assertEquals(1, ((Conv) g.node("stage2.0.gconv1").layer()).groups(), "first 1x1 conv of stage 2 is not grouped");
    assertEquals(3, ((Conv) g.node("stage2.1.gconv1").layer()).groups());
    assertTrue(((Conv) g.node("stage3.2.dwconv").layer()).isDepthwise());
    assertEquals(3, ((ChannelShuffle) g.node("stage3.2.shuffle").layer()).groups());
  }

  @Test
  void iShuffleNetReplacesEveryShuffle() {
    Graph plain = ModelZoo.build("shufflenet-g4");
    Graph inside = ModelZoo.build("i-shufflenet-g4-d2");
    assertEquals("i-shufflenet-g4-d2", inside.name());
    long shuffles = plain.nodes().stream().filter(n -> n.layer() instanceof ChannelShuffle).count();
    assertEquals(16, shuffles);
    assertEquals(0, inside.nodes().stream().filter(n -> n.layer() instanceof ChannelShuffle).count());
    assertEquals(shuffles, inside.nodes().stream()
        .filter(n -> n.layer() instanceof InsideShuffle is && is.devices() == 2 && is.groups() == 4).count());
    assertEquals(plain.totalMacs(), inside.totalMacs());
  }

  @Test
  void sameSeedSameWeightsOtherSeedOtherWeights() {
    Graph a = ModelZoo.build("shufflenet-tiny", Shape.of(32, 32, 3), 7);
    Graph b = ModelZoo.build("shufflenet-tiny", Shape.of(32, 32, 3), 7);
    Graph c = ModelZoo.build("shufflenet-tiny", Shape.of(32, 32, 3), 8);
    assertEquals(a, b);
    assertNotEquals(a, c);
    Conv w7 = (Conv) a.node("conv1").layer();
    // Pins the generator (a change in WeightInit would silently change every zoo model). The value
    // was computed independently: SplitMix64 and FNV-1a re-implemented in Python with numpy float32.
    assertEquals(0xbece79e8, Float.floatToIntBits(w7.weights().get(0)), "first weight of shufflenet-tiny seed 7");
  }

  @Test
  void testNetsAreSmallAndCoverTheirOps() {
    Graph tiny = ModelZoo.build("shufflenet-tiny");
    assertEquals(Shape.of(32, 32, 3), tiny.inputShape());
    assertEquals(Shape.of(8, 8, 48), tiny.shape("stage2.0.concat"));
    assertTrue(tiny.nodes().stream().anyMatch(n -> n.layer() instanceof Concat));
    assertTrue(tiny.nodes().stream().anyMatch(n -> n.layer() instanceof ChannelShuffle cs && cs.groups() == 2));
    Graph r8 = ModelZoo.build("resnet8-cifar");
    long weighted = r8.nodes().stream().map(Node::name)
        .filter(n -> !n.contains("downsample"))
        .filter(n -> r8.node(n).layer() instanceof Conv || r8.node(n).layer() instanceof FullyConnected).count();
    assertEquals(8, weighted, "ResNet-8: 7 convs + 1 FC outside the projections");
    assertEquals(Shape.vector(10), r8.shape("fc"));
  }

  @Test
  void unknownNameListsTheAllowedNames() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelZoo.build("resnet51"));
    assertTrue(e.getMessage().contains("'resnet51'") && e.getMessage().contains("resnet50, resnet18"), e.getMessage());
  }
}
