package org.shardwire.blocks.engines.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.blocks.reader.DdrWeightLayout;
import org.shardwire.blocks.reader.VectorReaderConfig;
import org.shardwire.blocks.reader.WeightStreamConfig;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.RamStyle;
import org.shardwire.plan.ConvEngines;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QFullyConnected;
import org.shardwire.sim.DdrModel;
import org.shardwire.sim.HarnessReport;
import org.shardwire.sim.SimResult;

/**
 * The weight-stationary conv engine on real layers of resnet8-cifar with a simulated DDR:
 * bit-exact against the golden model under random DDR latency, input gaps and output stalls;
 * each frame reads the layer's region exactly once; at full speed the frame spacing is the
 * config's cycles per frame within 5%.
 */
class TiledConvEngineSimTest {
  private static final RamStyle BRAM = RamStyle.XILINX_BLOCK;
  private static final long BASE = StreamedConvEngineSimTest.BASE;
  // 128-bit beats (a Zynq HP port), 16-beat bursts, room for 8 in flight: the streamed engine's test's reader.
  private static final VectorReaderConfig READER = StreamedConvEngineSimTest.READER;

  /**
   * layer3.0.conv1: 3x3 stride 2 with padding, 16x16x32 -> 8x8x64 at PE 12 x SIMD 8 (768-bit
   * words, six beats each; PE 12 does not divide 64: 6 folds, the last with 8 pad lanes, which
   * the drain's lane adapter drops, words of 8 channels out): 6 folds x 64 pixels x 36 beats =
   * 13,824 MAC cycles a frame, the region (216 words, 1,296 beats) once a frame.
   */
  @Test
  void strideTwoPaddedConvReadsItsWeightsOncePerFrame() {
    Int8Layers.ZooLayer z = Int8Layers.zoo("resnet8-cifar", "layer3.0.conv1.relu", 4);
    ConvEngineConfig conv = ConvEngines.conv((QConv) z.layer(), z.input(), 12, 8, BRAM, BRAM);
    assertEquals(8, conv.padLanes());
    TiledConvEngineConfig c = tiled("layer3.0.conv1", conv);
    assertEquals(13_824, c.cyclesPerFrame());
    assertEquals(1_296L * 16, c.ddrBytesPerFrame());
    double measured = check("tiled/resnet8-layer3.0.conv1", c, z.inputs(), z.outputs());
    assertWithin5Percent(c, measured);
  }

  /** fc: 1x1x64 -> 10 at PE 2 x SIMD 16 (256-bit words, two beats): the reader's 40 beats set the pace. */
  @Tag("slow")  // a second Verilator build (about a minute on the shared machine); the conv above is the default's
  @Test
  void fullyConnectedIsBoundByItsWeightBeats() {
    Int8Layers.ZooLayer z = Int8Layers.zoo("resnet8-cifar", "fc", 4);
    ConvEngineConfig conv = ConvEngines.fullyConnected((QFullyConnected) z.layer(), z.input(), 2, 16, BRAM, BRAM);
    TiledConvEngineConfig c = tiled("fc", conv);
    assertEquals(40, c.cyclesPerFrame());
    double measured = check("tiled/resnet8-fc", c, z.inputs(), z.outputs());
    assertWithin5Percent(c, measured);
  }

  private static void assertWithin5Percent(TiledConvEngineConfig c, double measured) {
    long ii = c.cyclesPerFrame();
    assertTrue(Math.abs(measured - ii) <= 0.05 * ii, c.moduleName() + ": measured " + measured
        + " cycles per frame, the config says " + ii);
  }

  private static TiledConvEngineConfig tiled(String layer, ConvEngineConfig conv) {
    DdrWeightLayout layout = DdrWeightLayout.of(READER.beatBytes(), BASE,
        List.of(new DdrWeightLayout.Segment(layer, conv.pe() * conv.simd() * 8, conv.weightWords().size())));
    return new TiledConvEngineConfig(conv, new WeightStreamConfig(READER, layout.region(layer), BRAM));
  }

  /** Two frames under back-pressure and random DDR timing, bit-exact; returns the frame spacing at full speed. */
  private static double check(String name, TiledConvEngineConfig c, List<Int8Tensor> inputs,
      List<Int8Tensor> outputs) {
    Path image = StreamedConvEngineSimTest.image(name, c);
    EmittedDesign design = EngineSim.emit(name, c);
    SimResult r = StreamedConvEngineSimTest.run(name + "-random", design, c, image, inputs, outputs, 3, EngineSim.GAP,
        EngineSim.STALL, new DdrModel(20, 80, READER.beatBytes(), 10, 10, 8));
    HarnessReport.Memory m = r.report().axi().get(0);
    assertEquals(0, m.rStallCycles(), "the weight stream never stalls R");
    // The reader runs ahead by at most its buffer: three frames read the region three times, plus what is in flight.
    long region = c.ddrBeatsPerFrame();
    long buffered = (long) READER.outstandingBursts() * READER.maxBurstBeats() + 2L * c.stream().beatsPerWord()
        * c.tileWords();
    assertTrue(m.beats() >= 3 * region && m.beats() <= 3 * region + buffered + region,
        "three frames read the region about three times: " + m.beats() + " beats, region " + region);
    DdrModel steady = DdrModel.ideal(60);
    SimResult two = StreamedConvEngineSimTest.run(name + "-2", design, c, image, inputs, outputs, 2, 0, 0, steady);
    SimResult four = StreamedConvEngineSimTest.run(name + "-4", design, c, image, inputs, outputs, 4, 0, 0, steady);
    double spacing = (four.outputs().get("m_axis").lastCycle() - two.outputs().get("m_axis").lastCycle()) / 2.0;
    System.out.printf(java.util.Locale.ROOT,
        "tiled %s: measured %.1f, stated %d cycles per frame, %d DDR bytes a frame%n",
        c.moduleName(), spacing, c.cyclesPerFrame(), c.ddrBytesPerFrame());
    return spacing;
  }
}
