package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.boards.MemoryKind;
import org.shardwire.golden.Quantization;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.QuantizedGraph;

/**
 * The ShuffleNet paper's comparison at 224x224 (its Tables 3 and 4): i-shufflenet-g2-d2 on two
 * Arria 10 boards by channel groups against one board. Each board holds half of every layer, so
 * the estimate is at least 1.9x the frames/s of one board (the paper measured 1.42x), unless an
 * engine already at its fastest folding bounds both, with each board's memory blocks at least 45%
 * below the single board's (the paper: 1,707 -> 1,265 RAMs), or 30% when the two boards fold
 * faster than the one.
 * Before the depthwise engine took SIMD 5 (25 channels per board: a power of two only allowed 1),
 * stage2's depthwise convs held it at 1.11x.
 */
class ChannelGroupShuffleNetPlanTest {
  private static final int LANE_LATENCY = 100;

  @Test
  void twoBoardsByChannelGroupsNearlyDoubleOneAndHalveItsMemory() {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build("i-shufflenet-g2-d2"), ModelZoo.DEFAULT_SEED);
    Plan one = plan(q, "f10a-a10gx1150:1", Strategy.PIPELINE);
    Plan two = plan(q, "f10a-a10gx1150:2", Strategy.CHANNEL_GROUP);
    double speedup = (double) one.cyclesPerFrame() / two.cyclesPerFrame();
    String what = "speedup " + speedup + " (II " + one.cyclesPerFrame() + " -> " + two.cyclesPerFrame() + ")";
    // Half of every layer per board doubles the pace until an engine with no faster folding bounds
    // the two boards: since requantizers are shared, one board reaches 78,400 cycles (multiplier
    // bound) and two 50,176, the image's one pixel a cycle into the stem (1.56x).
    assertTrue(speedup >= 1.5, what);
    if (speedup < 1.9) {
      for (BoardPlan b : two.boards()) {
        assertEquals(FoldLimit.Reason.UNFOLDED, b.limit().reason(), what + ": board " + b.index() + " " + b.limit());
      }
    }
    // Half of every layer's weights per board: at the same pace a board's blocks are about half the
    // single board's (665 against 1,245 when both were multiplier-bound, 1.9x apart); folded 1.56x
    // faster than the single board, wider words take more blocks, still at least 30% fewer.
    double single = one.boards().get(0).memBlocks().get(MemoryKind.M20K);
    double limit = speedup >= 1.9 ? 0.55 : 0.70;
    for (BoardPlan b : two.boards()) {
      double share = b.memBlocks().get(MemoryKind.M20K) / single;
      assertTrue(share <= limit, "board " + b.index() + ": " + b.memBlocks() + " M20K against " + single + " on one");
    }
    // auto takes whichever structure estimates fastest, and never one slower than channel groups
    Plan auto = plan(q, "f10a-a10gx1150:2", Strategy.AUTO);
    assertTrue(auto.cyclesPerFrame() <= two.cyclesPerFrame(), auto.strategy() + " " + auto.cyclesPerFrame());
    assertEquals(auto, plan(q, "f10a-a10gx1150:2", auto.strategy()));
  }

  private static Plan plan(QuantizedGraph q, String boards, Strategy strategy) {
    BoardList list = BoardList.parse(boards, BoardCatalog.builtIn());
    return Planner.plan(q, list, new PlanOptions(list.defaultClockMhz(), OptionalInt.empty()), strategy,
        LANE_LATENCY);
  }
}
