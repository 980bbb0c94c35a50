package org.shardwire.blocks.engines.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.blocks.engines.EngineSim.Frame;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.blocks.engines.SingleLayer;
import org.shardwire.blocks.engines.ZooFixture;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Shape;
import org.shardwire.plan.StreamEngines;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QGlobalAvgPool;

/** Global average pooling against the golden model: resnet8-cifar's and shufflenet-tiny's, and random shapes. */
class GlobalAvgPoolEngineSimTest {

  @Test
  void resnet8GlobalPoolIsBitExact() {
    replay("resnet8-cifar", "avgpool", 16);
  }

  @Tag("slow")
  @Test
  void shufflenetTinyGlobalPoolIsBitExact() {
    replay("shufflenet-tiny", "globalpool", 4);
  }

  /** One group (the forwarding path every cycle), one pixel, odd sizes; Sx/Sy spans rounding cases. */
  @Tag("slow")
  @ParameterizedTest(name = "{0}x{1}x{2} lanes={3} Sx={4} Sy={5}")
  @CsvSource({"1, 1, 8, 8, 0.02, 0.01", "3, 5, 12, 4, 0.05, 0.004", "7, 7, 16, 1, 0.01, 0.002",
      "4, 4, 16, 16, 0.03, 0.03", "2, 3, 64, 2, 0.02, 0.0009"})
  void matchesGoldenUnderBackPressure(int h, int w, int ch, int lanes, double sx, double sy) {
    Shape shape = Shape.of(h, w, ch);
    SingleLayer layer = SingleLayer.of(new GlobalAvgPool(), List.of(shape), List.of(sx), sy);
    GlobalAvgPoolEngineConfig c = StreamEngines.globalAvgPool((QGlobalAvgPool) layer.layer(), shape, lanes,
        RamStyle.XILINX_DISTRIBUTED);
    Random rnd = new Random(h * 100L + w * 10L + ch);
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Int8Tensor x = EngineSim.randomTensor(shape, rnd);
      frames.add(new Frame(List.of(x), List.of(layer.run(List.of(x)))));
    }
    EngineSim.assertBitExact("global-pool/" + c.moduleName(), c, frames, EngineSim.GAP, EngineSim.STALL);
  }

  @Test
  void takesOneWordPerCycle() {
    ZooFixture zoo = ZooFixture.of("shufflenet-tiny");
    GlobalAvgPoolEngineConfig c = config(zoo, "globalpool", 8);
    EngineSim.assertThroughput("global-pool-throughput", c, zoo.frames("globalpool", 4));
  }

  @Test
  void reportsTheContract() {
    GlobalAvgPoolEngineConfig c = config(ZooFixture.of("resnet8-cifar"), "avgpool", 16);
    assertEquals(8 * 8 * 64 / 16, c.cyclesPerFrame());
    assertEquals(List.of(63L * 4 + 1), c.inputWordsBeforeFirstOutput());
    assertEquals(8 + 6, c.sumBits());
    assertEquals(16, c.requantizers());
    assertEquals(1, c.memories().size());
    assertEquals(4, c.memories().get(0).depth());
  }

  private static GlobalAvgPoolEngineConfig config(ZooFixture zoo, String node, int lanes) {
    QGlobalAvgPool q = (QGlobalAvgPool) zoo.quantized().layer(node);
    return StreamEngines.globalAvgPool(q, zoo.shape(zoo.node(node).inputs().get(0)), lanes,
        RamStyle.XILINX_DISTRIBUTED);
  }

  private static void replay(String model, String node, int lanes) {
    ZooFixture zoo = ZooFixture.of(model);
    GlobalAvgPoolEngineConfig c = config(zoo, node, lanes);
    EngineSim.assertBitExact("global-pool-zoo/" + model + "-" + node, c, zoo.frames(node, 2), EngineSim.GAP,
        EngineSim.STALL);
  }
}
