package org.shardwire.blocks.engines.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;
import org.shardwire.plan.ConvEngines;
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
}
