package org.shardwire.emit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.conv.ConvEngineConfig;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.golden.Quantization;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.plan.DdrWeights;
import org.shardwire.plan.Folding;
import org.shardwire.plan.Plan;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Planner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plan counts what the hardware holds, every layer of the fast zoo nets (see {@link PlanMatchesHardware}). */
class PlanMatchesHardwareTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"resnet8-cifar, zcu102:2", "shufflenet-tiny, f10a-a10gx1150:2"})
  void everyLayerOfTheFastNets(String model, String boards) {
    List<PlanMatchesHardware.Mismatch> bad = PlanMatchesHardware.check(model, boards, layer -> true);
    assertEquals(List.of(), bad, () -> bad.size() + " engine(s) differ:\n  "
        + String.join("\n  ", bad.stream().map(Object::toString).toList()));
  }

  /**
   * shufflenet-tiny on f10a-a10gx1150:2 runs its 12-channel depthwise convs at SIMD 3 (a width
   * that is no power of two; the comparison would prove nothing otherwise), and each holds what the
   * plan counts: 3 int8 multipliers, 3 requantizers, its line buffer and weights in 24-bit words.
   */
  @Test
  void depthwiseSimdThatIsNoPowerOfTwo() {
    BoardList list = BoardList.parse("f10a-a10gx1150:2", BoardCatalog.builtIn());
    Plan plan = Planner.plan(Quantization.quantize(ModelZoo.build("shufflenet-tiny"), ModelZoo.DEFAULT_SEED), list,
        PlanOptions.defaults(list));
    assertTrue(plan.boards().stream().flatMap(b -> b.engines().stream())
        .anyMatch(e -> e.folding() instanceof Folding.Simd s && Integer.bitCount(s.simd()) > 1), "no such engine");
    List<PlanMatchesHardware.Mismatch> bad = PlanMatchesHardware.check("shufflenet-tiny", "f10a-a10gx1150:2",
        layer -> layer.contains("dwconv"));
    assertEquals(List.of(), bad, () -> bad.size() + " engine(s) differ:\n  "
        + String.join("\n  ", bad.stream().map(Object::toString).toList()));
  }

  /**
   * Layers whose weights stream from DDR hold what the plan counts: no weight ROM, the reader's
   * data buffer and its command queue (a queue the plan once missed: the slow zoo run found it in
   * ResNet-50's streamed fc).
   */
  @Test
  void layersStreamedFromDdr() {
    List<String> streamed = List.of("layer1.0.conv2.bn", "fc");
    List<PlanMatchesHardware.Mismatch> bad = PlanMatchesHardware.check("resnet8-cifar", "zcu102:2",
        o -> o.withDdrWeights(DdrWeights.parse(String.join(",", streamed))), streamed::contains);
    assertEquals(List.of(), bad, () -> bad.size() + " engine(s) differ:\n  "
        + String.join("\n  ", bad.stream().map(Object::toString).toList()));
  }

  /**
   * With two MACs per DSP48E2 allowed, resnet8-cifar on zcu102:2 packs (at least one engine, or
   * the comparison would prove nothing) and every packed engine holds the DSPs the plan counts:
   * one int8 x 27-bit product per PE pair and lane.
   */
  @Test
  void packedMacsOnXilinx() {
    BoardList list = BoardList.parse("zcu102:2", BoardCatalog.builtIn());
    Plan plan = Planner.plan(Quantization.quantize(ModelZoo.build("resnet8-cifar"), ModelZoo.DEFAULT_SEED), list,
        PlanOptions.defaults(list).withDspPacking(true));
    long packed = plan.boards().stream().flatMap(b -> b.engines().stream())
        .filter(e -> e.folding() instanceof Folding.PeSimd p && p.packed()).count();
    assertTrue(packed > 0, "the plan packs no engine");
    List<PlanMatchesHardware.Mismatch> bad = PlanMatchesHardware.check("resnet8-cifar", "zcu102:2", true,
        layer -> true);
    assertEquals(List.of(), bad, () -> bad.size() + " engine(s) differ:\n  "
        + String.join("\n  ", bad.stream().map(Object::toString).toList()));
  }

  /**
   * Padded and packed at once: resnet8-cifar on one zcu102 with packing runs its layer3.0 convs at a
   * packed PE whose fold count the odd PE below it already reaches (64 channels at PE 14, 5 folds as
   * at PE 13: offered packed only, {@code CostModel.legalFoldings}), and with SIMD across the window
   * (24 and 48). Each such engine holds what the plan counts (DSPs, memories, requantizers) with its
   * pad lanes.
   */
  @Test
  void paddedPackedFoldsOnXilinx() {
    Set<String> packedOnly = new TreeSet<>();
    List<PlanMatchesHardware.Mismatch> bad = PlanMatchesHardware.checkEngines("resnet8-cifar", "zcu102:1",
        o -> o.withDspPacking(true), n -> n.engine() instanceof ConvEngineConfig c && c.mac().packed()
            && c.padLanes() > 0 && (c.outChannels() + c.pe() - 2) / (c.pe() - 1) == c.folds()
            && packedOnly.add(n.name()));
    assertTrue(!packedOnly.isEmpty(), "the plan takes no padded packed fold whose PE - 1 has as many folds");
    assertEquals(List.of(), bad, () -> bad.size() + " engine(s) differ:\n  "
        + String.join("\n  ", bad.stream().map(Object::toString).toList()));
  }
}
