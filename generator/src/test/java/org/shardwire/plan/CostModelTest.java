package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.Activation;
import org.shardwire.model.Add;
import org.shardwire.model.AvgPool;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Concat;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;

/**
 * docs/engines.md formulas on cases computed by hand, read through the engine configs the cost
 * model builds (the configs own every figure; these cases pin what they say).
 */
class CostModelTest {

  @Test
  void conv3x3() {
    // 32x32x16 -> 32x32x16, k3 s1 p1, PE 8 SIMD 4: 32*32 * (16/8) * (3*3*16/4) = 1024 * 2 * 36
    EngineSpec e = Nets.single(Shape.of(32, 32, 16), Nets.conv(16, 16, 3, 1, 1, 1));
    EngineCost c = CostModel.cost(e, new Folding.PeSimd(8, 4));
    assertEquals(73_728, c.cycles());
    assertEquals(32, c.macMultipliers());
    // a sum word every 36 cycles: the 8 PE lanes take turns on one requantizer (share 8)
    assertEquals(1, c.requantizers());
    // each requantizer's int32 x 32-bit M product: six 18x19 units on Intel, four DSP48E2 on Xilinx
    assertEquals(32 + 6, c.multipliers());
    assertEquals(32 + 4, CostModel.cost(e, new Folding.PeSimd(8, 4), Vendor.XILINX).multipliers());
    // SIMD 16 leaves 9 cycles a word: 8 lanes in 8 slices of one still fit
    assertEquals(1, CostModel.cost(e, new Folding.PeSimd(8, 16)).requantizers());
    // SIMD 16, PE 16: 9 cycles a word, so 16 lanes share by 8 (the largest divisor <= 9): 2 requantizers
    assertEquals(2, CostModel.cost(e, new Folding.PeSimd(16, 16)).requantizers());
    // line buffer: max(Kh + stride, H + 1 - 0 + 1 ... ) = 4 rows (k3 s1 p1: the next frame's first rows fit beside
    // the last window) x W x Cin bytes, SIMD bytes wide; the window FIFO holds 4 words and tlast
    assertEquals(List.of(new MemoryNeed("line_buffer", 4 * 8, 4 * 32 * 16 / 4),
        new MemoryNeed("window_fifo", 4 * 8 + 1, 4),
        new MemoryNeed("weights", 8 * 4 * 8, 2 * 36),
        new MemoryNeed("requant_params", 8 * 69, 2),
        new MemoryNeed("requant_fifo", 8 * 8 + 1, 11)), c.memories());
    assertEquals(LogicEstimate.CONTROL_LUTS + LogicEstimate.WINDOW_LUTS + LogicEstimate.LUTS_PER_MAC * 32
        + LogicEstimate.LUTS_PER_REQUANTIZER + 8 * (32 + 69 + 8), c.luts());
  }

  @Test
  void pointwiseStrideTwoIsBoundByReadingItsInput() {
    // 1x1 s2, 32x32x16 -> 16x16x32, PE 16 SIMD 16: the table says 16*16 * 2 * 1 = 512 cycles, but the
    // engine must read 32*32*16/16 = 1024 input words, one per cycle at most
    EngineSpec e = Nets.single(Shape.of(32, 32, 16), Nets.conv(16, 32, 1, 2, 0, 1));
    EngineCost c = CostModel.cost(e, new Folding.PeSimd(16, 16));
    assertEquals(1024, c.cycles());
    assertEquals("line_buffer", c.memories().get(0).name());
    assertEquals(128, c.memories().get(0).width(), "one word of SIMD 16 bytes");
    assertEquals(2, c.memories().get(0).depth(), "two pixels of one word, not rows: a 1x1 window keeps no row");
  }

  @Test
  void aThreeChannelStemTakesSeveralPixelsAtOnce() {
    // 32x32x3 -> 16x16x16, k3 s2 p1: SIMD 1 or a whole RGB pixel (3); beyond PE = 16 only MMV adds parallelism
    EngineSpec e = Nets.single(Shape.of(32, 32, 3), Nets.conv(3, 16, 3, 2, 1, 1));
    List<Folding> legal = CostModel.legalFoldings(e);
    assertTrue(legal.contains(new Folding.PeSimd(16, 3)));
    assertTrue(legal.contains(new Folding.PeSimd(16, 3, 2)));
    assertTrue(legal.contains(new Folding.PeSimd(16, 3, 16)));
    assertFalse(legal.contains(new Folding.PeSimd(8, 3, 2)), "MMV needs PE = Cout");
    assertFalse(legal.contains(new Folding.PeSimd(16, 3, 3)), "MMV divides OW = 16");
    assertFalse(legal.contains(new Folding.PeSimd(16, 1, 2)), "MMV only at the widest SIMD");
    assertEquals(16 * 16 * 27, CostModel.cost(e, new Folding.PeSimd(16, 1)).cycles());
    assertEquals(16 * 16 * 9, CostModel.cost(e, new Folding.PeSimd(16, 3)).cycles(), "one pixel per beat");
    EngineCost two = CostModel.cost(e, new Folding.PeSimd(16, 3, 2));
    assertEquals(16 * 16 / 2 * 9, two.cycles());
    assertEquals(2 * 16 * 3, two.macMultipliers());
    // the pixels take turns on one requantizer stage, and its 16 lanes share it by 4 (9 beats / 2 pixels)
    assertEquals(4, two.requantizers());
    assertEquals(List.of("line_buffer_b0", "line_buffer_b1", "window_fifo"),
        two.memories().subList(0, 3).stream().map(MemoryNeed::name).toList());
    assertEquals(2 * 3 * 8 + 1, two.memories().get(2).width(), "window FIFO words carry both pixels");
    // at MMV 4 the MAC arrays (576 beats) outrun the input: 32*32 pixels at one pixel per word
    assertEquals(32 * 32, CostModel.cost(e, new Folding.PeSimd(16, 3, 4)).cycles());
    assertEquals("pe16 simd3 mmv4", new Folding.PeSimd(16, 3, 4).label());
    // 5 input channels take SIMD 5 (any divisor up to 16), and MMV at that widest SIMD
    EngineSpec five = Nets.single(Shape.of(8, 8, 5), Nets.conv(5, 4, 3, 1, 1, 1));
    assertTrue(CostModel.legalFoldings(five).contains(new Folding.PeSimd(4, 5, 8)));
    assertFalse(CostModel.legalFoldings(five).contains(new Folding.PeSimd(4, 1, 8)), "MMV only at the widest SIMD");
  }

  @Test
  void aThreeByThreeConvTakesSimdAcrossItsWindow() {
    // 56x56x64 -> 56x56x64, k3 s1 p1 (ResNet-50's layer1 3x3 convs): 576 values a window. Channel SIMD
    // 16 steps from 216 cycles a pixel (PE 11: 6 folds x 36 beats, 176 MACs) to 180 (PE 13, 208);
    // SIMD 24 (a window read 32 channels a word, regrouped) and 48 (64 a word) give 192 on 192 MACs
    EngineSpec e = Nets.single(Shape.of(56, 56, 64), Nets.conv(64, 64, 3, 1, 1, 1));
    List<Folding> legal = CostModel.legalFoldings(e);
    for (Folding f : List.of(new Folding.PeSimd(8, 24), new Folding.PeSimd(4, 48), new Folding.PeSimd(8, 32),
        new Folding.PeSimd(4, 64), new Folding.PeSimd(11, 18))) {
      assertTrue(legal.contains(f), f.label());
    }
    assertFalse(legal.contains(new Folding.PeSimd(8, 20)), "20 does not divide the window's 576 values");
    assertFalse(legal.contains(new Folding.PeSimd(8, 12)), "below 16 only channel SIMD is offered");
    EngineCost c = CostModel.cost(e, new Folding.PeSimd(8, 24));
    assertEquals(56L * 56 * 8 * 24, c.cycles());
    assertEquals(192, c.macMultipliers());
    assertEquals(CostModel.cost(e, new Folding.PeSimd(4, 48)).cycles(), c.cycles());
    assertEquals(56L * 56 * 6 * 36, CostModel.cost(e, new Folding.PeSimd(11, 16)).cycles());
    // the window reads 32 lanes a word: its line buffer is 32 bytes wide
    assertEquals(32 * 8, c.memories().get(0).width());
    // offered where no channel-SIMD folding is as fast for as little: PE 8 x 24 is; PE 2 x 32 (32
    // folds x 18 beats = 576 cycles on 64 MACs) is outdone by PE 4 x 16 (16 x 36, 64 MACs, no wider memory)
    List<Folding> offered = CostModel.options(e, PlanOptions.defaults(BoardList.parse("zcu102:1",
        BoardCatalog.builtIn()))).stream().map(EngineCost::folding).toList();
    assertTrue(offered.contains(new Folding.PeSimd(8, 24)));
    assertFalse(offered.contains(new Folding.PeSimd(2, 32)));
    // grouped convs keep channel SIMD (a beat would straddle two groups' windows)
    EngineSpec grouped = Nets.single(Shape.of(8, 8, 64), Nets.conv(64, 64, 3, 1, 1, 2));
    assertFalse(CostModel.legalFoldings(grouped).contains(new Folding.PeSimd(8, 32)));
  }

  @Test
  void groupedConvFoldsWithinAGroup() {
    // 8x8x24 -> 8x8x48, 1x1, 2 groups: PE divides 24, SIMD divides 12
    EngineSpec e = Nets.single(Shape.of(8, 8, 24), Nets.conv(24, 48, 1, 1, 0, 2));
    List<Folding> legal = CostModel.legalFoldings(e);
    assertTrue(legal.contains(new Folding.PeSimd(24, 4)));
    assertFalse(legal.contains(new Folding.PeSimd(48, 1)), "PE must divide Cout/g = 24");
    assertFalse(legal.contains(new Folding.PeSimd(1, 8)), "SIMD must divide Cin/g = 12");
    // 64 * (48/24) * (12/4) = 384
    assertEquals(384, CostModel.cost(e, new Folding.PeSimd(24, 4)).cycles());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> CostModel.cost(e, new Folding.PeSimd(1, 8)));
    assertTrue(bad.getMessage().contains("engine n (ConvEngine): folding pe1 simd8 is not legal; legal: pe1 simd1"),
        bad.getMessage());
  }

  @Test
  void depthwise() {
    // 16x16x12 -> 8x8x12, k3 s2 p1, SIMD 4: 8*8 * (12/4) * 9 = 1728 (reads 16*16*3 = 768 words)
    EngineSpec e = Nets.single(Shape.of(16, 16, 12), Nets.conv(12, 12, 3, 2, 1, 12));
    assertEquals(EngineKind.DEPTHWISE, e.kind());
    EngineCost c = CostModel.cost(e, new Folding.Simd(4));
    assertEquals(1728, c.cycles());
    // 9 beats a window: the 4 lanes share one requantizer
    assertEquals(4 + 6, c.multipliers());
    assertEquals(4 + 4, CostModel.cost(e, new Folding.Simd(4), Vendor.XILINX).multipliers());
    assertTrue(c.memories().contains(new MemoryNeed("weights", 32, 3 * 9)), c.memories().toString());
    // every divisor of the 12 channels up to 16, not only the stream widths: SIMD 3 takes 8*8 * 4 * 9 = 2304
    assertEquals(List.of(new Folding.Simd(1), new Folding.Simd(2), new Folding.Simd(3), new Folding.Simd(4),
        new Folding.Simd(6), new Folding.Simd(12)), CostModel.legalFoldings(e));
    assertEquals(2304, CostModel.cost(e, new Folding.Simd(3)).cycles());
    assertEquals(3 + 6, CostModel.cost(e, new Folding.Simd(3)).multipliers());
  }

  @Test
  void fullyConnectedIsAConvOverTheWholeInput() {
    // 2x2x16 -> 10: kernel 2x2, Cin 16; PE 5 SIMD 4: (10/5) * (2*2*16/4) = 32
    EngineSpec e = Nets.single(Shape.of(2, 2, 16), Nets.fc(64, 10));
    assertEquals(EngineKind.CONV, e.kind());
    EngineCost c = CostModel.cost(e, new Folding.PeSimd(5, 4));
    assertEquals(32, c.cycles());
    assertTrue(c.memories().contains(new MemoryNeed("weights", 5 * 4 * 8, 2 * 16)), c.memories().toString());
    assertEquals(new MemoryNeed("line_buffer", 32, 2 * 2 * 2 * 16 / 4), c.memories().get(0),
        "the whole input is the window, double-buffered");
  }

  @Test
  void poolsAndStreamEngines() {
    // max pool k3 s2 p1 on 32x32x24, lanes 8: 16*16 * 3 * 9 = 6912, no multipliers
    EngineCost max = CostModel.cost(Nets.single(Shape.of(32, 32, 24), MaxPool.of(3, 2, Padding.uniform(1))),
        new Folding.Lanes(8));
    assertEquals(6912, max.cycles());
    assertEquals(0, max.multipliers());
    // avg pool: the same cycles, one requantizer per lane (a 3x3 divisor is not a power of two)
    EngineCost avg = CostModel.cost(Nets.single(Shape.of(32, 32, 24), AvgPool.of(3, 2, Padding.uniform(1), true)),
        new Folding.Lanes(8));
    assertEquals(6912, avg.cycles());
    // each lane's 12-bit window sum x the divisor's constant M (31 significant bits): two 18x18
    // halves (2 units) on Intel, 2 DSP48E2 on Xilinx
    assertEquals(2 * 8, avg.multipliers());
    assertEquals(2 * 8, CostModel.cost(Nets.single(Shape.of(32, 32, 24), AvgPool.of(3, 2, Padding.uniform(1), true)),
        new Folding.Lanes(8), Vendor.XILINX).multipliers());
    // global pool 8x8x64, lanes 4: 8*8*64/4 = 1024; dividing by 64 pixels is a shift when the scales
    // agree, so the requantizers are those its config says
    EngineSpec gapSpec = Nets.single(Shape.of(8, 8, 64), new GlobalAvgPool());
    EngineCost gap = CostModel.cost(gapSpec, new Folding.Lanes(4));
    assertEquals(1024, gap.cycles());
    assertEquals(gapSpec.engine().at(new Folding.Lanes(4), MemoryStyles.costing()).requantizers(), gap.requantizers());
    EngineCost shuffle = CostModel.cost(Nets.single(Shape.of(8, 8, 12), new ChannelShuffle(2)), new Folding.Lanes(4));
    assertEquals(192, shuffle.cycles());
    assertEquals(0, shuffle.multipliers());
  }

  @Test
  void addAndConcatCountTheirRequantizersAndSkipFifo() {
    GraphBuilder b = new GraphBuilder("join");
    b.input("x", Shape.of(8, 8, 48));
    b.add("a", Nets.conv(48, 48, 3, 1, 1, 1), "x");
    b.add("sum", new Add(Activation.RELU), "x", "a");
    b.add("b", Nets.conv(48, 24, 1, 1, 0, 1), "sum");
    b.add("cat", new Concat(), "sum", "b");
    b.output("cat");
    List<EngineSpec> specs = Nets.specs(b.build());
    EngineSpec add = specs.get(1);
    EngineSpec cat = specs.get(3);
    // Add 8x8x48, lanes 16: 8*8*48/16 = 192 cycles, up to 2 * 16 requantizers (as its config says)
    EngineCost a = CostModel.cost(add, new Folding.Lanes(16));
    assertEquals(192, a.cycles());
    assertEquals(add.engine().at(new Folding.Lanes(16), MemoryStyles.costing()).requantizers(), a.requantizers());
    // branch lag: the 3x3 p1 conv needs input pixel (y+1, x+1) for output (y, x), the shortcut
    // pixel (y, x); reading a row ahead its line buffer has taken in rows through y+2, (y+3)*8
    // pixels against y*8 + x + 1: 23 behind at x = 0, + 1 pixel = 24, x 48 channels
    assertEquals(24 * 48, add.skipFifoBytes());
    assertEquals(new MemoryNeed("branch_fifo", 16 * 8 + 1, 24 * 48 / 16 + BranchFifos.MARGIN_WORDS),
        a.memories().get(a.memories().size() - 1));
    // Concat 8x8x(48+24), lanes 8 (divides both inputs): 8*8*72/8 = 576
    EngineCost c = CostModel.cost(cat, new Folding.Lanes(8));
    assertEquals(576, c.cycles());
    assertFalse(CostModel.legalFoldings(cat).contains(new Folding.Lanes(16)), "16 does not divide 24");
    assertEquals(9 * 48, cat.skipFifoBytes(), "a branch that never lags holds one pixel and one row");
  }

  @Test
  void optionsAreCheapestFirstAndRespectTheCap() {
    EngineSpec e = Nets.single(Shape.of(8, 8, 16), Nets.conv(16, 16, 3, 1, 1, 1));
    List<EngineCost> all = CostModel.options(e, new PlanOptions(200, OptionalInt.empty()));
    assertEquals(new Folding.PeSimd(1, 1), all.get(0).folding());
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i - 1).multipliers() <= all.get(i).multipliers());
    }
    List<EngineCost> capped = CostModel.options(e, new PlanOptions(200, OptionalInt.of(20)));
    assertTrue(capped.size() < all.size());
    assertTrue(capped.stream().allMatch(c -> c.multipliers() <= 20));
    // a cap below the unfolded engine still keeps the unfolded engine
    List<EngineCost> tiny = CostModel.options(e, new PlanOptions(200, OptionalInt.of(1)));
    assertEquals(List.of(new Folding.PeSimd(1, 1)), tiny.stream().map(EngineCost::folding).toList());
  }

  @Test
  void flattenIsAWire() {
    EngineSpec e = Nets.single(Shape.of(2, 2, 4), new org.shardwire.model.Flatten());
    assertEquals(EngineKind.WIRE, e.kind());
    EngineCost c = CostModel.cost(e, new Folding.Unfolded());
    assertEquals(0, c.cycles());
    assertEquals(0, c.multipliers());
  }
}
