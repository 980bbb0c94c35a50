package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.conv.ConvEngineConfig;
import org.shardwire.blocks.engines.conv.RequantTable;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Signal;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;

/** The planner offers only foldings that can be built; the widest ones are built in banks. */
class BuildableFoldingsTest {

  @Test
  void aFoldingWhoseWeightBufferIsTooDeepIsNotLegal() {
    // ResNet-50's classifier: 2048 -> 1000; PE 1 x SIMD 1 would need 2,048,000 weight words.
    EngineSpec fc = Nets.single(Shape.of(1, 1, 2048), Nets.fc(2048, 1000));
    List<Folding> legal = CostModel.legalFoldings(fc);
    assertFalse(legal.contains(new Folding.PeSimd(1, 1)));
    assertTrue(legal.contains(new Folding.PeSimd(2, 1)), "1,024,000 words fit " + WeightBufferConfig.MAX_DEPTH);
    for (Folding f : legal) {
      Folding.PeSimd p = (Folding.PeSimd) f;
      assertTrue(WeightBufferConfig.fitsDepth(ConvEngineConfig.weightWords(1000, 1, 2048, p.pe(), p.simd())), f.label());
    }
  }

  @Test
  void theWidestFoldingBuildsWithEveryMemoryWithinTheSignalLimit() {
    // PE 64 x SIMD 16: an 8192-bit weight word and a 64 x 69 = 4416-bit parameter ROM word.
    Shape in = Shape.of(4, 4, 16);
    EngineSpec conv = Nets.single(in, Nets.conv(16, 64, 1, 1, 0, 1));
    assertTrue(CostModel.legalFoldings(conv).contains(new Folding.PeSimd(64, 16)));
    Random rnd = new Random(1);
    byte[] weights = new byte[64 * 16];
    rnd.nextBytes(weights);
    int[] bias = new int[64];
    int[] m = new int[64];
    int[] s = new int[64];
    for (int o = 0; o < 64; o++) {
      m[o] = 1 << 30;
      s[o] = 1 + o % 62;
    }
    for (RamStyle style : List.of(RamStyle.XILINX_BLOCK, RamStyle.XILINX_ULTRA, RamStyle.INTEL_M20K)) {
      ConvEngineConfig c = new ConvEngineConfig(in, 64, new WindowGeometry(1, 1, 1, 1, Padding.NONE), 1, 64, 16,
          weights, new RequantTable(bias, m, s, -128, 127), style, style);
      int weightBits = 0;
      for (MemorySpec mem : c.memories()) {
        assertTrue(mem.width() <= Signal.MAX_WIDTH, style + ": " + mem);
        if (mem.name().startsWith("weights")) {
          weightBits += mem.width();
        }
      }
      assertTrue(weightBits == 64 * 16 * 8, style + ": the weight banks hold the whole 8192-bit word");
      assertTrue(c.memories().stream().anyMatch(mem -> mem.name().equals("requant_params_b1")), style
          + ": the 4416-bit ROM is banked");
    }
  }
}
