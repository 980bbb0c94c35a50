package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.hdl.Vendor;

/** The plan's link cycles are the lane words the built link sends (docs/link.md "Sparse senders"). */
class LinkBudgetTest {

  @Test
  void resnet50BoardTwoCutCountsTheLaneWordsTheLinkSends() {
    // board 2 -> 3 of ResNet-50 x4 mkubos-zu19eg: 7x7x2048 int8 in two-value beats.
    long bytes = 7 * 7 * 2048;
    LinkConfig built = LinkConfig.defaults(2, Vendor.XILINX);
    long laneWords = built.laneWordsForBeats(bytes / 2);
    assertEquals(12_544 + 2 * 392, laneWords);
    assertEquals(laneWords, LinkBudget.endpointCycles(bytes, LinkConfig.DEFAULT_LANE_LATENCY));
  }

  @Test
  void aShortLastFrameCostsItsHeaderAndTrailer() {
    // 40 payload words: a full frame (34 lane words) and one of 8 payload words (10).
    assertEquals(44, LinkBudget.endpointCycles(40 * 8, LinkConfig.DEFAULT_LANE_LATENCY));
    assertEquals(44, LinkConfig.defaults(1, Vendor.XILINX).laneWordsForBeats(40 * 8));
    assertEquals(44, LinkConfig.defaults(16, Vendor.XILINX).laneWordsForBeats(20));
  }

  @Test
  void aLongLaneIsBoundByTheCreditWindow() {
    LinkConfig link = LinkConfig.planned();
    int latency = 5000;
    long words = 100_000;
    long window = (long) Math.ceil((double) words * link.roundTripCycles(latency) / link.windowWords());
    assertEquals(window, LinkBudget.endpointCycles(words * 8, latency));
  }
}
