package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

  /**
   * Cout 128 needs 7 folds at PE 19 at least: odd, so not packable. Packed, PE 20 keeps those 7
   * folds (its last fold 8 real lanes of 20) at the cycles of PE 19 and 160 of its 190
   * multipliers; unpacked, PE 20 is not offered (PE 19 does the same folds with fewer MACs).
   */
  @Test
  void aPackedConvKeepsAFoldCountWhoseSmallestPeIsOdd() {
    EngineSpec e = Nets.single(Shape.of(14, 14, 128), Nets.conv(128, 128, 3, 1, 1, 1));
    Folding.PeSimd pe20 = new Folding.PeSimd(20, 16);
    List<Folding> packing = CostModel.legalFoldings(e, true);
    assertTrue(packing.contains(pe20.packedTwoPerDsp()), "7 folds, packed");
    assertFalse(packing.contains(pe20), "unpacked PE 19 does 7 folds with fewer MACs");
    assertTrue(packing.contains(new Folding.PeSimd(19, 16)));
    assertTrue(packing.contains(new Folding.PeSimd(44, 16).packedTwoPerDsp()), "3 folds: 43 is odd, 44 is not");
    assertFalse(packing.stream().anyMatch(f -> f instanceof Folding.PeSimd p && p.packed() && p.pe() == 15),
        "9 folds stay unpacked only: PE 16 takes 8");
    assertEquals(CostModel.legalFoldings(e), CostModel.legalFoldings(e, false), "nothing changes without packing");
    assertFalse(CostModel.legalFoldings(e).stream().anyMatch(f -> f instanceof Folding.PeSimd p && p.pe() == 20));

    EngineCost odd = CostModel.cost(e, new Folding.PeSimd(19, 16), Vendor.XILINX);
    EngineCost packed = CostModel.cost(e, pe20.packedTwoPerDsp(), Vendor.XILINX);
    assertEquals(odd.cycles(), packed.cycles(), "the same 7 folds");
    assertEquals(14L * 14 * 7 * 9 * 128 / 16, packed.cycles());
    assertEquals(20 * 16 / 2, packed.macMultipliers());
    assertTrue(CostModel.options(e, PACKING, Vendor.XILINX).stream()
        .anyMatch(c -> c.folding().equals(pe20.packedTwoPerDsp())));
    assertThrows(IllegalArgumentException.class, () -> CostModel.cost(e, pe20, Vendor.XILINX));

    // Grouped convs take no padded fold, so no PE beyond the divisors of Cout/g either.
    EngineSpec grouped = Nets.single(Shape.of(8, 8, 24), Nets.conv(24, 48, 1, 1, 0, 2));
    assertTrue(CostModel.legalFoldings(grouped, true).stream()
        .allMatch(f -> 24 % ((Folding.PeSimd) f).pe() == 0));
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
