package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.golden.Quantization;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;

/** The plan warns when a link's credit window cannot carry its cut's traffic over the lane's round trip. */
class LinkWindowCheckTest {

  @Test
  void warnsOnlyWhenTheWindowCannotCoverTheRoundTrip() {
    BoardList boards = BoardList.parse("zcu102:2", BoardCatalog.builtIn());
    Plan plan = Planner.plan(Quantization.quantize(ModelZoo.build("resnet8-cifar", Shape.of(32, 32, 3), 1), 1), boards,
        PlanOptions.defaults(boards));
    assertEquals(List.of(), LinkWindowCheck.warnings(plan, 100));
    LinkConfig link = LinkConfig.defaults(8, Vendor.XILINX);
    double words = Math.ceil(plan.links().get(0).bytesPerFrame() / 8.0);
    double needed = words / plan.cyclesPerFrame();
    // The longest lane the link is built for: the window then carries 512 words per ~40000 cycles.
    int latency = LinkConfig.MAX_LANE_LATENCY;
    assertTrue(needed > link.sustainedWordsPerCycle(latency), "the case must exceed the window: " + needed);
    List<String> w = LinkWindowCheck.warnings(plan, latency);
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).startsWith("link 0 -> 1: at a lane latency of 20000 cycles the round trip is "), w.get(0));
    assertTrue(w.get(0).contains("512-word credit window"), w.get(0));
  }

  @Test
  void roundTripAndWindowFollowTheConfig() {
    LinkConfig c = LinkConfig.defaults(8, Vendor.XILINX);
    assertEquals(2 * 5000 + 34 + 64 + 16, c.roundTripCycles(5000));
    assertEquals(512, c.windowWords());
    assertEquals(32.0 / 34, c.sustainedWordsPerCycle(1), 1e-12);
    assertEquals(512.0 / c.roundTripCycles(5000), c.sustainedWordsPerCycle(5000), 1e-12);
    assertTrue(c.ackTimeoutCycles() > c.roundTripCycles(LinkConfig.MAX_LANE_LATENCY),
        "the default timeout covers the longest lane");
  }
}
