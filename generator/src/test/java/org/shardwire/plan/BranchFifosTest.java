package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.model.Activation;
import org.shardwire.model.Add;
import org.shardwire.model.AvgPool;
import org.shardwire.model.Concat;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;

/** Branch FIFO depths on hand-computed residual and concat diamonds. */
class BranchFifosTest {

  /** x -> conv3x3 -> conv3x3 -> add(., x): the block of resnet8-cifar's layer1. */
  private static void residual(GraphBuilder b, String x, String name, int c) {
    b.add(name + ".c1", Nets.conv(c, c, 3, 1, 1, 1), x);
    b.add(name + ".c2", Nets.conv(c, c, 3, 1, 1, 1), name + ".c1");
    b.add(name, new Add(Activation.RELU), name + ".c2", x);
  }

  /** 8x8x16 through one residual block "sum" (two 3x3 convs beside the identity shortcut). */
  private static org.shardwire.model.Graph oneResidualBlock() {
    GraphBuilder b = new GraphBuilder("res");
    b.input("x", Shape.of(8, 8, 16));
    residual(b, "x", "sum", 16);
    b.output("sum");
    return b.build();
  }

  @Test
  void identityShortcutHoldsTwoRowsAndTwoPixelsOfLookahead() {
    List<BranchFifos.Fifo> fifos = BranchFifos.of(oneResidualBlock());
    // Add pixel (y, x) needs c2 (y, x); c2 needs c1 (y+1, x+1); c1 needs x (y+2, x+2): raster
    // index (y+2)*8 + x+2 against the shortcut's y*8 + x, 2W + 2 = 18 pixels ahead, + 1 pixel: the
    // deadlock bound. Built: what the convs' line buffers take in reading ahead (one row each, as
    // their stride): c2 has c1 rows through y+2, and c1, to emit row y+2, has x rows through y+4,
    // (y+5)*8 pixels against the shortcut's y*8 + x + 1: 39 behind at x = 0, + 1 pixel = 40.
    assertEquals(List.of(new BranchFifos.Fifo("x", "sum", 1, "sum", 40 * 16, 19 * 16)), fifos);
    assertEquals(40 * 16 / 4 + BranchFifos.MARGIN_WORDS, fifos.get(0).words(4));
  }

  @Test
  void aShortcutBesideAWeightStationaryConvHoldsTwoFrames() {
    org.shardwire.model.Graph g = oneResidualBlock();
    EngineSpec c2 = Nets.specs(g).stream().filter(s -> s.node().equals("sum.c2")).findFirst().orElseThrow();
    org.shardwire.blocks.engines.EngineConfig tiled = c2.engine().at(new Folding.PeSimd(4, 4).tiledFrom(128),
        MemoryStyles.costing());
    // c2 keeps whole frames: it needs all 64 pixels of c1 before its first output, so c1 all 64 of x,
    // against the shortcut's first pixel: the bound is the whole 8x8 frame. Built: c2 takes in the
    // next frame while it computes (two frames of c1, inputWordsInFlight), so c1 two frames of x:
    // 128 pixels against the shortcut's 1, 127 behind, + 1 pixel = two frames, past the one-frame cap.
    assertEquals(List.of(new BranchFifos.Fifo("x", "sum", 1, "sum", 128 * 16, 64 * 16)),
        BranchFifos.of(g, java.util.Map.of("sum.c2", tiled)));
    assertEquals(java.util.Map.of("sum.c2", tiled), BranchFifos.beyondGeometry(g, java.util.Map.of("sum.c2", tiled)));
    assertEquals(java.util.Set.of("sum.c1", "sum.c2"), BranchFifos.betweenForkAndJoin(g), "where such an engine matters");
    // The same conv streaming its weights per pixel takes in what its window says: the figures of
    // identityShortcutHoldsTwoRowsAndTwoPixelsOfLookahead, and no config is beyond geometry.
    java.util.Map<String, org.shardwire.blocks.engines.EngineConfig> streaming = java.util.Map.of("sum.c2",
        c2.engine().at(new Folding.PeSimd(4, 4).streamedFrom(128), MemoryStyles.costing()));
    assertEquals(BranchFifos.of(g), BranchFifos.of(g, streaming));
    assertTrue(BranchFifos.beyondGeometry(g, streaming).isEmpty());
  }

  @Test
  void downsampleShortcutLagsTheStridedPathInForkPixels() {
    GraphBuilder b = new GraphBuilder("down");
    b.input("x", Shape.of(8, 8, 16));
    b.add("a", Nets.conv(16, 32, 3, 2, 1, 1), "x");
    b.add("b", Nets.conv(32, 32, 3, 1, 1, 1), "a");
    b.add("s", Nets.conv(16, 32, 1, 2, 0, 1), "x");
    b.add("sum", new Add(Activation.RELU), "b", "s");
    b.output("sum");
    // sum (y, x) <- b (y, x) <- a (y+1, x+1) <- x (2y+3, 2x+3): index (2y+3)*8 + 2x+3; the 1x1
    // stride-2 shortcut needs x (2y, 2x): 27 pixels behind; + 1 pixel is the bound. Reading ahead,
    // b has a rows through y+2, and a (stride 2, two rows ahead) has x rows through 2y+7 by then:
    // the whole 8x8 tensor already at y = 0, so the FIFO is clamped to the fork tensor.
    assertEquals(List.of(new BranchFifos.Fifo("x", "s", 0, "sum", 64 * 16, 28 * 16)), BranchFifos.of(b.build()));
  }

  @Test
  void shuffleNetStrideTwoUnitBranchesNeedTheSamePixels() {
    GraphBuilder b = new GraphBuilder("unit");
    b.input("x", Shape.of(8, 8, 16));
    b.add("g", Nets.conv(16, 16, 1, 1, 0, 2), "x");
    b.add("d", Nets.conv(16, 16, 3, 2, 1, 16), "g");
    b.add("h", Nets.conv(16, 16, 1, 1, 0, 2), "d");
    b.add("p", AvgPool.of(3, 2, Padding.uniform(1), false), "x");
    b.add("cat", new Concat(), "h", "p");
    b.output("cat");
    // Both branches need x (2y+1, 2x+1) for output (y, x): neither can deadlock the other (bound 0).
    // The pool, the shorter pipeline, holds what the conv branch takes in ahead: d's line buffer
    // fills two rows (its stride) past its window, g rows through 2y+3, (2y+4)*8 pixels against the
    // pool's (2y+1)*8 + 2x+2: 22 behind at x = 0, + 1 pixel = 23.
    assertEquals(List.of(new BranchFifos.Fifo("x", "p", 0, "cat", 23 * 16, 0)), BranchFifos.of(b.build()));
  }

  @Test
  void onlyThePathToTheMeetingJoinCounts() {
    GraphBuilder b = new GraphBuilder("two");
    b.input("x", Shape.of(8, 8, 16));
    residual(b, "x", "r1", 16);
    residual(b, "r1", "r2", 16);
    b.add("gap", new org.shardwire.model.GlobalAvgPool(), "r2");
    b.output("gap");
    // Each fork meets its branches at its own add; what lies beyond (the next block, a global
    // pool that needs the whole frame) does not deepen it.
    assertEquals(List.of(new BranchFifos.Fifo("x", "r1", 1, "r1", 40 * 16, 19 * 16),
        new BranchFifos.Fifo("r1", "r2", 1, "r2", 40 * 16, 19 * 16)), BranchFifos.of(b.build()));
  }

  @Test
  void aBranchNeverHoldsMoreThanTheForkTensor() {
    GraphBuilder b = new GraphBuilder("wide");
    b.input("x", Shape.of(4, 4, 8));
    b.add("a", Nets.conv(8, 8, 7, 1, 3, 1), "x");
    b.add("c", Nets.conv(8, 8, 7, 1, 3, 1), "a");
    b.add("sum", new Add(Activation.NONE), "c", "x");
    b.output("sum");
    // The first output already needs the whole 4x4 input: 15 pixels ahead + 1 = the tensor; no row on top.
    List<BranchFifos.Fifo> fifos = BranchFifos.of(b.build());
    assertEquals(1, fifos.size());
    assertEquals(4 * 4 * 8, fifos.get(0).elements());
    assertEquals(4 * 4 * 8, fifos.get(0).deadlockBound());
    assertTrue(fifos.get(0).words(8) <= 16 + BranchFifos.MARGIN_WORDS);
  }

  @Test
  void theCostModelCountsTheFifoInFrontOfItsReader() {
    GraphBuilder b = new GraphBuilder("down");
    b.input("x", Shape.of(8, 8, 16));
    b.add("a", Nets.conv(16, 32, 3, 2, 1, 1), "x");
    b.add("b", Nets.conv(32, 32, 3, 1, 1, 1), "a");
    b.add("s", Nets.conv(16, 32, 1, 2, 0, 1), "x");
    b.add("sum", new Add(Activation.RELU), "b", "s");
    b.output("sum");
    EngineSpec s = Nets.specs(b.build()).get(2);
    assertEquals("s", s.node());
    EngineCost c = CostModel.cost(s, new Folding.PeSimd(2, 4));
    // The whole 8x8x16 fork tensor (see downsampleShortcutLagsTheStridedPathInForkPixels) in words
    // of the conv's 4-lane input stream, tlast beside the data.
    assertTrue(c.memories().contains(new MemoryNeed("branch_fifo", 4 * 8 + 1, 1024 / 4 + BranchFifos.MARGIN_WORDS)));
  }
}
