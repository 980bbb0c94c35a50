package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.Shape;

/** Two int8 MACs per DSP48E2 (WP487) as a folding: where it is offered and what it costs. */
class DspPackingCostTest {
  private static final EngineSpec CONV = Nets.single(Shape.of(32, 32, 16), Nets.conv(16, 16, 3, 1, 1, 1));
  private static final PlanOptions PACKING = new PlanOptions(200, OptionalInt.empty(), true);

  @Test
  void halfTheMacMultipliersSameCyclesAndMemories() {
    EngineCost plain = CostModel.cost(CONV, new Folding.PeSimd(8, 4));
    EngineCost packed = CostModel.cost(CONV, new Folding.PeSimd(8, 4).packedTwoPerDsp(), Vendor.XILINX);
    assertEquals(32, plain.macMultipliers());
    assertEquals(16, packed.macMultipliers(), "8 x 4 MACs in 4 pairs x 4 lanes of DSP48E2");
    // the requantizer is not packed (int32 x 32-bit M: 4 DSP48E2); its 8 lanes share one (36 cycles a word)
    assertEquals(16 + 4, packed.multipliers());
    assertEquals(plain.cycles(), packed.cycles());
    assertEquals(plain.memories(), packed.memories());
    assertEquals(plain.luts() - (LogicEstimate.LUTS_PER_MAC - LogicEstimate.LUTS_PER_PACKED_MAC) * 32, packed.luts());
    assertEquals("pe8 simd4 2/dsp", packed.folding().label());
  }

  @Test
  void offeredOnlyOnXilinxWhenAskedForAndOnlyAtAnEvenPe() {
    List<EngineCost> xilinx = CostModel.options(CONV, PACKING, Vendor.XILINX);
    assertTrue(xilinx.stream().anyMatch(DspPackingCostTest::packed));
    assertTrue(xilinx.stream().filter(DspPackingCostTest::packed)
        .allMatch(c -> ((Folding.PeSimd) c.folding()).pe() % 2 == 0));
    assertFalse(CostModel.options(CONV, PACKING, Vendor.INTEL).stream().anyMatch(DspPackingCostTest::packed),
        "an Arria 10 18x19 multiplier is counted as it is");
    assertFalse(CostModel.options(CONV, PACKING.withDspPacking(false), Vendor.XILINX).stream()
        .anyMatch(DspPackingCostTest::packed), "off unless asked for");
    assertFalse(CostModel.options(CONV, new PlanOptions(200, OptionalInt.empty()), Vendor.XILINX).stream()
        .anyMatch(DspPackingCostTest::packed));
  }

  @Test
  void aFullyConnectedLayerPacksToo() {
    EngineSpec fc = Nets.single(Shape.of(1, 1, 64), Nets.fc(64, 10));
    EngineCost c = CostModel.cost(fc, new Folding.PeSimd(10, 16).packedTwoPerDsp());
    assertEquals(80, c.macMultipliers());
  }

  @Test
  void aMixedClusterPacksOnlyItsXilinxBoard() {
    org.shardwire.boards.BoardList list = org.shardwire.boards.BoardList.parse("zcu102:1,f10a-a10gx1150:1",
        org.shardwire.boards.BoardCatalog.builtIn());
    Plan plan = Planner.plan(org.shardwire.golden.Quantization.quantize(
        org.shardwire.model.zoo.ModelZoo.build("resnet8-cifar"), org.shardwire.model.zoo.ModelZoo.DEFAULT_SEED), list,
        PlanOptions.defaults(list).withDspPacking(true));
    assertTrue(plan.boards().get(0).engines().stream().anyMatch(e -> packed(e.folding())), "zcu102 packs");
    assertFalse(plan.boards().get(1).engines().stream().anyMatch(e -> packed(e.folding())), "Arria 10 does not");
  }

  private static boolean packed(Folding f) {
    return f instanceof Folding.PeSimd p && p.packed();
  }

  private static boolean packed(EngineCost c) {
    return c.folding() instanceof Folding.PeSimd p && p.packed();
  }
}
