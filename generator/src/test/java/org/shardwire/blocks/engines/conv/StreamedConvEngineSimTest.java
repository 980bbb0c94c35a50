package org.shardwire.blocks.engines.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.blocks.reader.DdrWeightLayout;
import org.shardwire.blocks.reader.VectorReaderConfig;
import org.shardwire.blocks.reader.WeightStreamConfig;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;
import org.shardwire.plan.ConvEngines;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QFullyConnected;
import org.shardwire.sim.AxiMemoryPort;
import org.shardwire.sim.DdrModel;
import org.shardwire.sim.HarnessReport;
import org.shardwire.sim.SimResult;
import org.shardwire.testing.BlockSim;
import org.shardwire.testing.TestPaths;

/**
 * Conv engines of a small net (resnet8-cifar) with their weights streamed from a simulated DDR:
 * bit-exact against the golden model under random DDR latency and back-pressure, and at full
 * speed their measured frame spacing is their stated II (the reader keeps the engine fed).
 */
class StreamedConvEngineSimTest {
  private static final RamStyle BRAM = RamStyle.XILINX_BLOCK;
  static final long BASE = 0x6000_0000L;
  // 128-bit beats (a Zynq HP port), 16-beat bursts, room for 8 in flight.
  static final VectorReaderConfig READER = new VectorReaderConfig(8, 16, 32, 20, 16, 8);

  /** layer2.0.conv1: 3x3 stride 2, 32x32x16 -> 16x16x32; PE 4 x SIMD 4 = one 128-bit beat a word. */
  @Tag("slow")  // 73,728 cycles a frame over 8 frames: minutes on the shared machine
  @Test
  void resnet8ConvStreamsItsWeightsAtItsOnChipII() {
    Int8Layers.ZooLayer z = Int8Layers.zoo("resnet8-cifar", "layer2.0.conv1.relu", 4);
    ConvEngineConfig conv = ConvEngines.conv((QConv) z.layer(), z.input(), 4, 4, BRAM, BRAM);
    StreamedConvEngineConfig c = streamed("layer2.0.conv1", conv);
    assertEquals(conv.cyclesPerFrame(), c.cyclesPerFrame(), "one beat a word: the weights keep up with the MACs");
    assertEquals(16L * 16 * 8 * 36 * 16, c.ddrBytesPerFrame());
    double measured = check("streamed/resnet8-layer2.0.conv1", c, z.inputs(), z.outputs());
    assertTrue(Math.abs(measured - c.cyclesPerFrame()) <= 0.02 * c.cyclesPerFrame(), "measured " + measured);
  }

  /** fc: 1x1x64 -> 10; PE 2 x SIMD 16 = 256-bit words, two beats each: the reader sets the pace. */
  @Test
  void resnet8FullyConnectedIsBoundByItsWeightStream() {
    Int8Layers.ZooLayer z = Int8Layers.zoo("resnet8-cifar", "fc", 4);
    ConvEngineConfig conv = ConvEngines.fullyConnected((QFullyConnected) z.layer(), z.input(), 2, 16, BRAM, BRAM);
    StreamedConvEngineConfig c = streamed("fc", conv);
    assertEquals(2 * conv.cyclesPerFrame(), c.cyclesPerFrame());
    double measured = check("streamed/resnet8-fc", c, z.inputs(), z.outputs());
    EngineSim.assertCyclesPerFrame(c, measured);
    // Every module (engine, streamer, reader, FIFOs) lint-clean as its own top, with Intel's resets too.
    EngineSim.assertLintClean("streamed/resnet8-fc-lint", c, Vendor.INTEL);
  }

  /**
   * shufflenet-tiny conv1 (3x3 stem, 32x32x3 -> 24 channels) at MMV 2: both MAC arrays share each
   * streamed weight word, so the region is read once per two output pixels; 576-bit words are five
   * beats each, so the reader sets the pace.
   */
  @Tag("slow")
  @Test
  void mmvArraysShareEachStreamedWord() {
    Int8Layers.ZooLayer z = Int8Layers.zoo("shufflenet-tiny", "conv1.relu", 4);
    QConv q = (QConv) z.layer();
    ConvEngineConfig conv = ConvEngineSimTest.withMmv(ConvEngines.conv(q, z.input(), q.layer().outChannels(), 3, BRAM,
        BRAM), 2);
    StreamedConvEngineConfig c = streamed("conv1", conv);
    assertEquals(32L * 16 * 9 * 5, c.ddrBeatsPerFrame());
    assertEquals(c.ddrBeatsPerFrame(), c.cyclesPerFrame());
    double measured = check("streamed/shufflenet-tiny-conv1-mmv2", c, z.inputs(), z.outputs());
    EngineSim.assertCyclesPerFrame(c, measured);
  }

  private static StreamedConvEngineConfig streamed(String layer, ConvEngineConfig conv) {
    DdrWeightLayout layout = DdrWeightLayout.of(READER.beatBytes(), BASE,
        List.of(new DdrWeightLayout.Segment(layer, conv.pe() * conv.simd() * 8, conv.weightWords().size())));
    return new StreamedConvEngineConfig(conv, new WeightStreamConfig(READER, layout.region(layer), BRAM));
  }

  /** Two frames under back-pressure and random DDR timing, bit-exact; returns the frame spacing at full speed. */
  private static double check(String name, StreamedConvEngineConfig c, List<Int8Tensor> inputs,
      List<Int8Tensor> outputs) {
    Path image = image(name, c);
    EmittedDesign design = EngineSim.emit(name, c);
    SimResult r = run(name + "-random", design, c, image, inputs, outputs, 2, EngineSim.GAP, EngineSim.STALL,
        new DdrModel(20, 80, READER.beatBytes(), 10, 10, 8));
    HarnessReport.Memory m = r.report().axi().get(0);
    assertEquals(0, m.rStallCycles(), "the weight stream never stalls R");
    assertTrue(m.beats() >= 2 * c.ddrBeatsPerFrame(), "two frames read the region once per output pixel");
    DdrModel steady = DdrModel.ideal(60);
    SimResult two = run(name + "-2", design, c, image, inputs, outputs, 2, 0, 0, steady);
    SimResult four = run(name + "-4", design, c, image, inputs, outputs, 4, 0, 0, steady);
    double spacing = (four.outputs().get("m_axis").lastCycle() - two.outputs().get("m_axis").lastCycle()) / 2.0;
    System.out.printf(java.util.Locale.ROOT, "streamed %s: measured %.1f, stated %d cycles per frame, %d DDR bytes per frame%n",
        c.moduleName(), spacing, c.cyclesPerFrame(), c.ddrBytesPerFrame());
    return spacing;
  }

  /** {@code frames} frames of a streamed engine (either loop order) against the golden outputs, its image on m_axi. */
  static SimResult run(String name, EmittedDesign design, DdrWeightEngine c, Path image,
      List<Int8Tensor> inputs, List<Int8Tensor> outputs, int frames, int gap, int stall, DdrModel ddr) {
    Map<String, List<List<BigInteger>>> vectors = ConvEngineSimTest.vectors(c.conv(),
        ConvEngineSimTest.cycle(inputs, frames), ConvEngineSimTest.cycle(outputs, frames));
    long words = vectors.values().stream().mapToLong(List::size).sum();
    var tb = EngineSim.bench(c, gap, stall, 20 * (words + frames * c.cyclesPerFrame()) + 20_000)
        .withMemories(List.of(new AxiMemoryPort("m_axi", READER.axiShape(), image, BASE, ddr)));
    SimResult r = BlockSim.assertPassed(BlockSim.simulate(name, design, tb, vectors));
    assertEquals(frames * c.outputs().get(0).wordsPerFrame(), r.outputs().get("m_axis").beats());
    return r;
  }

  /** The layer's DDR image, written by the same layout the engine's region came from. */
  static Path image(String name, DdrWeightEngine c) {
    DdrWeightLayout.Region region = c.stream().region();
    DdrWeightLayout layout = DdrWeightLayout.of(READER.beatBytes(), BASE, List.of(
        new DdrWeightLayout.Segment(region.name(), region.wordBits(), region.words())));
    assertEquals(region, layout.region(region.name()));
    Path file = TestPaths.freshDir(name + "/ddr").resolve("weights.bin");
    try {
      Files.write(file, layout.image(Map.of(region.name(), c.conv().weightWords())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
