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
 * the estimate is at least 1.9x the frames/s of one board (the paper measured 1.42x) with each
 * board's memory blocks at least 45% below the single board's (the paper: 1,707 -> 1,265 RAMs).
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
    assertTrue(speedup >= 1.9, "speedup " + speedup + " (II " + one.cyclesPerFrame() + " -> " + two.cyclesPerFrame()
        + ")");
    double single = one.boards().get(0).memBlocks().get(MemoryKind.M20K);
    for (BoardPlan b : two.boards()) {
      double share = b.memBlocks().get(MemoryKind.M20K) / single;
      assertTrue(share <= 0.55, "board " + b.index() + ": " + b.memBlocks() + " M20K against " + single + " on one");
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
