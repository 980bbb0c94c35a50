package org.shardwire.blocks.engines;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.conv.ConvEngineConfig;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Shape;
import org.shardwire.plan.ConvEngines;
import org.shardwire.plan.StreamEngines;
import org.shardwire.quant.QConv;

/**
 * The engines that set shufflenet-g1's II on zcu102:1 (338,688 cycles per frame), alone at their
 * 224x224 shapes and foldings: each one's measured frame spacing against its stated II. They
 * meet it exactly (bench/RESULTS.md), so a cluster that runs slower loses cycles between engines.
 * Four 224x224 frames per engine: slow profile.
 */
@Tag("slow")
class ShuffleNetScaleEnginesTest {
  private static final RamStyle BRAM = RamStyle.XILINX_BLOCK;
  private static final ZooFixture G1 = ZooFixture.of("shufflenet-g1");

  @Test
  void stemConvAt224() {
    String n = "conv1.relu";
    EngineSim.assertThroughput("g1-stem",
        ConvEngines.conv((QConv) G1.quantized().layer(n), input(n), 24, 1, BRAM, BRAM), G1.frames(n, 4));
  }

  /** The stem as the planner now folds it on f10a-a10gx1150: an RGB pixel per word, 2 pixels at once. */
  @Test
  void stemConvAt224WithRgbPixelsAndMmv() {
    String n = "conv1.relu";
    ConvEngineConfig one = ConvEngines.conv((QConv) G1.quantized().layer(n), input(n), 24, 3, BRAM, BRAM);
    ConvEngineConfig c = new ConvEngineConfig(one.input(), one.outChannels(), one.geometry(), one.groups(), one.pe(),
        one.simd(), one.weights(), one.requant(), one.weightStyle(), one.bufferStyle(), one.paramStyle(), 2);
    EngineSim.assertThroughput("g1-stem-simd3-mmv2", c, G1.frames(n, 4));
  }

  /** The max pool behind it, a whole 24-channel pixel per word. */
  @Test
  void maxPoolAt112WholePixel() {
    String n = "maxpool";
    EngineSim.assertThroughput("g1-maxpool-l24",
        StreamEngines.maxPool((MaxPool) G1.node(n).layer(), input(n), 24, BRAM), G1.frames(n, 4));
  }

  @Test
  void maxPoolAt112() {
    String n = "maxpool";
    EngineSim.assertThroughput("g1-maxpool", StreamEngines.maxPool((MaxPool) G1.node(n).layer(), input(n), 2, BRAM),
        G1.frames(n, 4));
  }

  @Test
  void pointwiseGroupConvAt28() {
    String n = "stage2.1.gconv2.bn";
    EngineSim.assertThroughput("g1-gconv2",
        ConvEngines.conv((QConv) G1.quantized().layer(n), input(n), 3, 4, BRAM, BRAM), G1.frames(n, 4));
  }

  private static Shape input(String node) {
    return G1.shape(G1.node(node).inputs().get(0));
  }
}
