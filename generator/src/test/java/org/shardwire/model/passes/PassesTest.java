package org.shardwire.model.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.golden.FloatInference;
import org.shardwire.model.Activation;
import org.shardwire.model.BatchNorm;
import org.shardwire.model.Clip;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.GraphException;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Padding;
import org.shardwire.model.Relu;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.model.zoo.WeightInit;

class PassesTest {
  static FloatTensor randomInput(Shape s, long seed) {
    return FloatTensor.activation(s, WeightInit.uniformInput(seed, "input", (int) s.elements()));
  }

  /** max |a - b| / max |a|: relative to the tensor's range, so near-zero values do not blow up. */
  static double relativeError(FloatTensor a, FloatTensor b) {
    assertEquals(a.dimsString(), b.dimsString());
    double maxDiff = 0;
    double maxAbs = 1e-12;
    for (int i = 0; i < a.size(); i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a.get(i) - b.get(i)));
      maxAbs = Math.max(maxAbs, Math.abs(a.get(i)));
    }
    return maxDiff / maxAbs;
  }

  /** Every tensor the transformed graph still has must match the original's tensor of that name. */
  static void assertSameTensors(Graph before, Graph after, long seed) {
    FloatTensor x = randomInput(before.inputShape(), seed);
    Map<String, FloatTensor> a = new FloatInference(before).trace(x);
    Map<String, FloatTensor> b = new FloatInference(after).trace(x);
    for (String name : b.keySet()) {
      assertTrue(a.containsKey(name), "pass invented tensor name " + name);
      double err = relativeError(a.get(name), b.get(name));
      assertTrue(err < 1e-5, name + ": relative error " + err);
    }
    for (String out : before.outputs()) {
      assertTrue(b.containsKey(out), "graph output " + out + " kept");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet8-cifar", "shufflenet-tiny"})
  void foldAndFuseKeepTheNumbers(String model) {
    Graph g = ModelZoo.build(model);
    Graph folded = new FoldBatchNorm().apply(g);
    assertFalse(folded.nodes().stream().anyMatch(n -> n.layer() instanceof BatchNorm));
    assertSameTensors(g, folded, 11);
    Graph fused = new FuseActivations().apply(folded);
    assertFalse(fused.nodes().stream().anyMatch(n -> n.layer() instanceof Relu), "every ReLU follows a conv or add");
    assertSameTensors(g, fused, 12);
    assertEquals(fused, GraphPass.optimize(g));
    assertEquals(g.totalMacs(), fused.totalMacs());
  }

  @Test
  void foldedConvTakesTheBatchNormsName() {
    Graph fused = GraphPass.optimize(ModelZoo.build("resnet8-cifar"));
    Conv c = (Conv) fused.node("conv1.relu").layer();
    assertEquals(Activation.RELU, c.activation());
    assertTrue(c.bias().isPresent());
    assertEquals(Activation.NONE, ((Conv) fused.node("layer1.0.conv2.bn").layer()).activation());
    assertEquals(Activation.RELU, fused.node("layer1.0.add.relu").layer().activation());
  }

  @Test
  void loneBatchNormBecomesDepthwiseConvAndClipFusesWhereItCan() {
    WeightInit init = new WeightInit(3);
    GraphBuilder b = new GraphBuilder("t");
    b.input("x", Shape.of(6, 6, 4));
    b.add("bn0", init.batchNorm("bn0", 4, 1f), "x");                                   // no conv before it
    b.add("conv", Conv.of(init.conv("conv", 8, 3, 3, 4), 1, Padding.uniform(1), 1), "bn0");
    b.add("bn", init.batchNorm("bn", 8, 1f), "conv");
    b.add("relu6", Clip.relu6(), "bn");
    b.add("pool", MaxPool.of(2, 2, Padding.NONE), "relu6");
    b.add("relu", new Relu(), "pool");                                                  // after a pool: stays
    b.add("side", new Relu(), "conv");                                                  // second reader of conv
    Graph g = b.output("relu").output("side").build();
    Graph opt = GraphPass.optimize(g);
    assertTrue(((Conv) opt.node("bn0").layer()).isDepthwise());
    assertTrue(opt.node("conv").layer() instanceof Conv, "conv read twice: not folded");
    Conv bnAsConv = (Conv) opt.node("relu6").layer();
    assertTrue(bnAsConv.isDepthwise(), "so the BN became a depthwise conv...");
    assertEquals(Activation.RELU6, bnAsConv.activation(), "...and took the ReLU6");
    assertTrue(opt.node("relu").layer() instanceof Relu);
    assertSameTensors(g, opt, 5);
  }

  @Test
  void insideShuffleWithOneDeviceIsTheChannelShuffle() {
    Graph g = ModelZoo.build("shufflenet-tiny");
    Graph one = new UseInsideShuffle(1).apply(g);
    assertTrue(one.nodes().stream().anyMatch(n -> n.layer() instanceof InsideShuffle));
    assertSameTensors(g, one, 3);
  }

  @Test
  void insideShuffleKeepsChannelsOnTheirDevice() {
    Graph g = ModelZoo.build("shufflenet-g4", Shape.of(64, 64, 3), 1);
    Graph two = new UseInsideShuffle(2).apply(g);
    FloatTensor x = randomInput(g.inputShape(), 4);
    Map<String, FloatTensor> t = new FloatInference(two).trace(x);
    FloatTensor before = t.get("stage3.1.gconv1.relu");
    FloatTensor after = t.get("stage3.1.shuffle");
    int c = before.shape().c();
    int[] perm = ((InsideShuffle) two.node("stage3.1.shuffle").layer()).permutation(c);
    for (int o = 0; o < c; o++) {
      assertEquals(o < c / 2, perm[o] < c / 2, "channel " + o + " stays on its device");
      assertEquals(before.get(perm[o]), after.get(o), 0f);
    }
    FloatTensor plain = new FloatInference(g).run(x);
    assertNotEquals(plain, new FloatInference(two).run(x), "a different permutation gives different scores");
    GraphException e = assertThrows(GraphException.class, () -> new UseInsideShuffle(3).apply(g));
    assertTrue(e.getMessage().contains("'stage2.0.shuffle' (ChannelShuffle)"), e.getMessage());
  }
}
