package org.shardwire.blocks.engines.conv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;
import org.shardwire.plan.ConvEngines;
import org.shardwire.plan.CostModel;
import org.shardwire.plan.EngineSpec;
import org.shardwire.plan.EngineSpecs;
import org.shardwire.plan.Folding;
import org.shardwire.plan.MemoryStyles;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QConv;

/**
 * The padded conv engines ResNet-50's first board takes (PE not dividing Cout: 1x1 and 3x3,
 * stride 1 and 2, PE 5 to 43, output words of 4 to 32 channels) on 16x16 maps with random
 * weights: bit-exact against the golden model (the run checks every output word) and at the
 * cycles per frame their configs state, measured without back-pressure over 2 and 4 frames.
 */
class PaddedFoldsSimTest {
  /** height, width, Cin, Cout, kernel, stride, PE, SIMD. */
  @ParameterizedTest(name = "{2} -> {3}: k{4} s{5} pe{6} simd{7}")
  @CsvSource({"16, 16, 64, 64, 1, 1, 5, 4", "16, 16, 256, 128, 1, 1, 19, 8", "16, 16, 256, 512, 1, 2, 37, 4",
      "16, 16, 128, 128, 3, 2, 43, 4", "16, 16, 64, 64, 3, 1, 11, 16", "16, 16, 64, 256, 1, 1, 10, 8"})
  void runsAtItsStatedCycles(int h, int w, int cin, int cout, int k, int s, int pe, int simd) {
    Shape in = Shape.of(h, w, cin);
    Random rnd = new Random(h + cin + cout + pe);
    Int8Layers.OneLayer layer = Int8Layers.randomConv(in, cout, k, k, s, s, k == 3 ? Padding.uniform(1) : Padding.NONE,
        1, rnd);
    ConvEngineConfig c = ConvEngines.conv((QConv) layer.layer(), in, pe, simd, ConvEngineSimTest.BRAM,
        ConvEngineSimTest.BRAM);
    List<Int8Tensor> frames = EngineSim.randomFrames(in, 4, rnd);
    List<Int8Tensor> outs = layer.run(frames);
    String name = "padded/" + c.moduleName();
    double measured = ConvEngineSimTest.measuredCyclesPerFrame(name, c, EngineSim.emit(name, c), frames, outs);
    assertTrue(c.padLanes() > 0, c.moduleName() + " has no pad lanes");
    EngineSim.assertCyclesPerFrame(c, measured);
  }

  /**
   * Padded and packed two MACs per DSP48E2 at once, at foldings the planner offers only packed (the
   * smallest PE for their fold count is odd; {@code CostModel.legalFoldings}): a 3x3 of 20 channels
   * at PE 8 (3 folds as at PE 7, the last 4 real lanes of 8: pad lanes pair with each other), a 1x1
   * of 128 channels at PE 20 (7 folds as at PE 19, the last 8 real lanes; SIMD 8 sums chunks of 7
   * + 1 lanes) and a 1x1 of 21 channels at PE 8 (3 folds as at PE 7, the last 5 real lanes: real
   * lane 4 shares its DSPs with pad lane 5). Built from the planner's folding as the lowering
   * builds it, then bit-exact against the golden model under back-pressure and at the cycles per
   * frame its config states.
   */
  @ParameterizedTest(name = "{2} -> {3}: k{4} s{5} pe{6} simd{7} 2/dsp")
  @CsvSource({"8, 8, 16, 20, 3, 1, 8, 8", "8, 8, 64, 128, 1, 1, 20, 8", "8, 8, 32, 21, 1, 1, 8, 8"})
  void packedRunsAtItsStatedCycles(int h, int w, int cin, int cout, int k, int s, int pe, int simd) {
    Shape in = Shape.of(h, w, cin);
    Random rnd = new Random(h + cin + cout + pe);
    Int8Layers.OneLayer layer = Int8Layers.randomConv(in, cout, k, k, s, s, k == 3 ? Padding.uniform(1) : Padding.NONE,
        1, rnd);
    EngineSpec spec = EngineSpecs.of(layer.graph()).get(0);
    Folding.PeSimd packed = new Folding.PeSimd(pe, simd).packedTwoPerDsp();
    assertTrue(CostModel.legalFoldings(spec, true).contains(packed), packed.label() + " is not offered packed");
    assertFalse(CostModel.legalFoldings(spec, true).contains(new Folding.PeSimd(pe, simd)),
        "offered unpacked too: then this is not a packed-only folding");
    ConvEngineConfig c = (ConvEngineConfig) spec.engine().at(packed,
        new MemoryStyles(ConvEngineSimTest.BRAM, Map.of()));
    assertTrue(c.padLanes() > 0 && c.mac().packed(), c.moduleName() + " is not padded and packed");
    List<Int8Tensor> frames = EngineSim.randomFrames(in, 4, rnd);
    ConvEngineSimTest.check("padded/" + c.moduleName(), c, frames, layer.run(frames));
  }
}
