package org.shardwire.blocks.engines.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.model.Padding;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.blocks.reader.WeightStreamConfig;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Shape;

/** The weight-stationary engine's figures, derived by hand from the layer and the folding. */
class TiledConvEngineConfigTest {
  private static final RamStyle BRAM = RamStyle.XILINX_BLOCK;

  private static ConvEngineConfig conv(Shape in, int out, WindowGeometry g, int groups, int pe, int simd) {
    byte[] weights = new byte[out * g.kernelArea() * in.c() / groups];
    Arrays.fill(weights, (byte) 3);
    int[] m = new int[out];
    int[] s = new int[out];
    Arrays.fill(m, 1 << 30);
    Arrays.fill(s, 31);
    return new ConvEngineConfig(in, out, g, groups, pe, simd, weights, new RequantTable(new int[out], m, s, -128, 127),
        BRAM, BRAM);
  }

  private static TiledConvEngineConfig tiled(ConvEngineConfig c) {
    return new TiledConvEngineConfig(c, WeightStreamConfig.alone("layer", 128, c.pe() * c.simd() * 8,
        c.folds() * c.beatsPerWindow(), BRAM));
  }

  /**
   * ResNet-50's layer4 3x3 conv: 7x7x512 -> 512, PE 16 x SIMD 16. 32 folds x 49 pixels x 288
   * beats (9 x 512 / 16) = 451,584 MAC cycles; 1,568 words in (7 x 7 x 512 / 16) and out (49 x
   * 32); 2048-bit words are 16 beats of 128 bits, so the region is 32 x 288 x 16 = 147,456
   * beats = 2,359,296 bytes: exactly its 512 x 9 x 512 weights, once a frame (the once-per-pixel
   * engine reads them 49 times).
   */
  @Test
  void layer4ConvReadsItsWeightsOncePerFrame() {
    ConvEngineConfig c = conv(new Shape(7, 7, 512), 512, WindowGeometry.square(3, 1, 1), 1, 16, 16);
    TiledConvEngineConfig t = tiled(c);
    assertEquals(451_584, t.macBeatsPerFrame());
    assertEquals(451_584, t.cyclesPerFrame());
    assertEquals(c.cyclesPerFrame(), t.cyclesPerFrame(), "as fast as the engine with its weights on chip");
    assertEquals(1_568, t.frameInWords());
    assertEquals(1_568, t.frameOutWords());
    assertEquals(147_456, t.ddrBeatsPerFrame());
    assertEquals(2_359_296, t.ddrBytesPerFrame());
    StreamedConvEngineConfig perPixel = new StreamedConvEngineConfig(c, t.stream());
    assertEquals(49 * t.ddrBytesPerFrame(), perPixel.ddrBytesPerFrame());
    assertEquals(List.of(1_568L), t.inputWordsBeforeFirstOutput(), "a whole input frame before anything leaves");
    assertEquals(c.macMultipliers(), t.macMultipliers());
    assertEquals(256, t.macMultipliers());
    assertEquals(1, t.requantizers(), "288 cycles a sum word: the 16 lanes take turns on one");

    Map<String, MemorySpec> m = t.memories().stream().collect(Collectors.toMap(MemorySpec::name, x -> x));
    assertEquals(new MemorySpec("frame_in", 128, 2 * 1_568, BRAM), m.get("frame_in"));
    assertEquals(new MemorySpec("frame_out", 128, 2 * 1_568, BRAM), m.get("frame_out"));
    // Two tiles of 288 words of 2048 bits, banked as the weight ROM would be.
    long tileBits = t.memories().stream().filter(x -> x.name().startsWith("weight_tile")).mapToLong(MemorySpec::bits)
        .sum();
    assertEquals(2L * 288 * 2048, tileBits);
    assertTrue(t.memories().stream().filter(x -> x.name().startsWith("weight_tile")).allMatch(x -> x.depth() == 576));
    assertEquals(new MemorySpec("weight_stream", 128, 8 * 16, BRAM), m.get("weight_stream"));
    assertTrue(m.containsKey("requant_params"), "the requantizer's ROM: " + m.keySet());
    assertTrue(m.keySet().stream().noneMatch(n -> n.startsWith("weights")), "no weight ROM");
    // Against the 2.36 MB ROM of the on-chip engine, about 0.25 MB of buffers (mostly the two tiles).
    long bits = t.memories().stream().mapToLong(MemorySpec::bits).sum();
    assertEquals(2_035_595 + 8 * 28, bits, "the buffers, and the reader's command queue of 8 x 28 bits");
    assertTrue(bits < 2_359_296L * 8 / 9, bits + " bits");
  }

  /**
   * The 64 -> 10 classifier at PE 2 x SIMD 16: 5 folds x 1 pixel x 4 beats = 20 MAC cycles, but
   * 256-bit words are two 128-bit beats: 40 DDR beats a frame set the pace (640 bytes).
   */
  @Test
  void classifierIsPacedByItsBeats() {
    ConvEngineConfig c = ConvEngineConfig.fullyConnected(new Shape(1, 1, 64), 10, 2, 16, new byte[640],
        new RequantTable(new int[10], filled(1 << 30), filled(31), -128, 127), BRAM, BRAM);
    TiledConvEngineConfig t = tiled(c);
    assertEquals(20, t.macBeatsPerFrame());
    assertEquals(40, t.ddrBeatsPerFrame());
    assertEquals(640, t.ddrBytesPerFrame());
    assertEquals(40, t.cyclesPerFrame());
    assertEquals(4, t.frameInWords());
    assertEquals(5, t.frameOutWords());
  }

  /** A 1x1 stride-2 conv whose windows skip three quarters of its input: the input words set the pace. */
  @Test
  void stridedOneByOneIsPacedByItsInput() {
    ConvEngineConfig c = conv(new Shape(8, 8, 16), 16, new WindowGeometry(1, 1, 2, 2, Padding.NONE), 1, 16, 1);
    TiledConvEngineConfig t = tiled(c);
    assertEquals(16 * 16, t.macBeatsPerFrame());  // 1 fold x 16 pixels x 16 beats
    assertEquals(8 * 8 * 16, t.frameInWords());
    assertEquals(1_024, t.cyclesPerFrame());
  }

  /** The plan may put each frame and the tiles in another RAM than the conv's: each memory is built where placed. */
  @Test
  void eachBufferIsBuiltInTheRamThePlanChose() {
    ConvEngineConfig c = conv(new Shape(7, 7, 64), 64, WindowGeometry.square(3, 1, 1), 1, 8, 8);
    TiledConvEngineConfig placed = new TiledConvEngineConfig(c, tiled(c).stream(), RamStyle.XILINX_ULTRA,
        RamStyle.XILINX_DISTRIBUTED, BRAM);
    Map<String, RamStyle> styles = placed.memories().stream().collect(Collectors.toMap(
        m -> m.name().replaceFirst("_b\\d+$", ""), MemorySpec::style, (x, y) -> x));
    assertEquals(RamStyle.XILINX_ULTRA, styles.get("frame_in"));
    assertEquals(RamStyle.XILINX_DISTRIBUTED, styles.get("weight_tile"));
    assertEquals(BRAM, styles.get("frame_out"));
    assertTrue(!placed.moduleName().equals(tiled(c).moduleName()), "two placements, two modules");
    assertEquals(placed, placed.at(placed.stream()), "a placed region keeps the RAMs");
  }

  @Test
  void refusesGroupsAndMmv() {
    ConvEngineConfig grouped = conv(new Shape(4, 4, 8), 8, WindowGeometry.square(3, 1, 1), 2, 4, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiled(grouped));
    assertTrue(e.getMessage().contains("one group"), e.getMessage());
    ConvEngineConfig c = conv(new Shape(4, 4, 8), 8, WindowGeometry.square(3, 1, 1), 1, 8, 8);
    TiledConvEngineConfig ok = tiled(c);
    assertThrows(IllegalArgumentException.class, () -> new TiledConvEngineConfig(c,
        WeightStreamConfig.alone("layer", 128, 32 * 8, 9, BRAM)), "a region of the wrong word width");
    assertEquals(ok.conv(), c);
  }

  private static int[] filled(int v) {
    int[] a = new int[10];
    Arrays.fill(a, v);
    return a;
  }
}
