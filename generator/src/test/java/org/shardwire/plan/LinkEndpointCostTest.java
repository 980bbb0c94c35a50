package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.boards.MemoryKind;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;

class LinkEndpointCostTest {
  /** The planner counts endpoints before it knows their streams' widths: every width must cost the same. */
  @Test
  void anEndpointTakesTheSameBlocksAtEveryStreamWidth() {
    for (Vendor v : Vendor.values()) {
      LinkEndpointCost planned = LinkEndpointCost.of(v);
      for (int lanes = 1; lanes <= LinkConfig.MAX_LANES; lanes++) {
        LinkEndpointCost built = LinkEndpointCost.of(LinkConfig.defaults(lanes, v));
        assertEquals(planned, built, v + ", " + lanes + " lanes");
      }
    }
  }

  /** Hand count: a 512-deep buffer of at most 68 bits is one RAMB36 (512 x 72) or two M20K (512 x 40 each). */
  @Test
  void oneBlockRamOrTwoM20kPerEndpoint() {
    assertEquals(Map.of(MemoryKind.RAMB36, 1.0), LinkEndpointCost.of(Vendor.XILINX).blocks());
    assertEquals(Map.of(MemoryKind.M20K, 2.0), LinkEndpointCost.of(Vendor.INTEL).blocks());
    assertEquals(3.0, LinkEndpointCost.of(Vendor.XILINX).blocks(MemoryKind.RAMB36, 3));
  }

  /**
   * An exchange's buffers cover its stream's full speed (one beat a cycle) for a round trip, so
   * the link never holds a stream back: at every width and every lane latency up to the default.
   */
  @Test
  void aLinkSizedToItsStreamKeepsUpWithItsFullSpeed() {
    for (int latency = 0; latency <= LinkConfig.DEFAULT_LANE_LATENCY; latency += 4) {
      for (int lanes = 1; lanes <= LinkConfig.MAX_LANES; lanes++) {
        LinkConfig c = LinkConfig.forStream(lanes, Vendor.INTEL, 1_000_000, latency);
        assertTrue(c.sustainedWordsPerCycle(latency) >= c.peakWordsPerCycle(), lanes + " lanes at latency " + latency
            + ": " + c);
        assertTrue(c.replayWords() <= LinkConfig.defaults(lanes, Vendor.INTEL).replayWords());
      }
    }
  }

  /**
   * Hand count at a 64-cycle lane (round trip 2 x 64 + 32 + 2 + 64 + 16 = 242 cycles): one-value
   * beats pack 8 to a word, 242 / 8 = 30.25 words in flight plus a 32-word frame = 63 -> 64
   * words; two-value beats 61 + 32 -> 128 words, both in LUT RAM; six-value beats fill a word
   * each, 0.941 x 242 = 228 + 32 -> 512 words of block RAM; a 10-value stream of one beat per
   * image needs 1 + 32 -> 64 words.
   */
  @Test
  void exchangeBuffersByHand() {
    assertEquals(64, LinkConfig.forStream(1, Vendor.INTEL, 1_000, 64).replayWords());
    assertEquals(128, LinkConfig.forStream(2, Vendor.INTEL, 1_000, 64).replayWords());
    assertEquals(512, LinkConfig.forStream(6, Vendor.INTEL, 1_000, 64).replayWords());
    assertEquals(64, LinkConfig.forStream(10, Vendor.INTEL, 1, 64).replayWords());
    LinkConfig small = LinkConfig.forStream(1, Vendor.INTEL, 1_000, 64);
    assertEquals(RamStyle.INTEL_MLAB, small.ramStyle());
    assertEquals(RamStyle.INTEL_M20K, LinkConfig.forStream(6, Vendor.INTEL, 1_000, 64).ramStyle());
    // In LUT RAM it takes no block, and its larger buffer's bits in ALMs (64 a piece): the FIFO,
    // 64 x (1 + 3 + 64); its logic is counted in ALMs as engine logic is.
    LinkEndpointCost cost = LinkEndpointCost.of(new EndpointPlan(1, 64), Vendor.INTEL);
    assertEquals(Map.of(), cost.blocks());
    assertEquals(LogicEstimate.inLogicUnits(Math.max(small.txLuts(), small.rxLuts()), Vendor.INTEL) + 64 * 68 / 64,
        cost.luts());
  }

  @Test
  void aBoardPlanCountsEachEndpointAsSized() {
    EnginePlan e = new EnginePlan("relu", "Relu", EngineKind.CLAMP, new Folding.Lanes(1), 10, 0, 0, 0, 5,
        java.util.List.of(), 0);
    BoardPlan b = new BoardPlan(0, "f10a-a10gx1150", "18x19", 3036, Map.of(MemoryKind.M20K, 2713), "ALM", 427_200,
        java.util.List.of(EndpointPlan.full(), new EndpointPlan(1, 64), new EndpointPlan(1, 64)), java.util.List.of(e),
        null, 0);
    assertEquals(2.0, b.memBlocks().get(MemoryKind.M20K));
    assertEquals(5 + LinkEndpointCost.of(Vendor.INTEL).luts() + 2 * LinkEndpointCost.of(new EndpointPlan(1, 64),
        Vendor.INTEL).luts(), b.lutsEstimate());
  }

  @Test
  void aBoardPlanCountsItsEndpointsBlocks() {
    EnginePlan e = new EnginePlan("relu", "Relu", EngineKind.CLAMP, new Folding.Lanes(1), 10, 0, 0, 0, 5,
        java.util.List.of(), 0);
    BoardPlan b = new BoardPlan(0, "zcu102", "DSP48E2", 2520, Map.of(MemoryKind.RAMB36, 912), "LUT", 274_080,
        java.util.Collections.nCopies(2, EndpointPlan.full()), java.util.List.of(e), null, 0);
    assertEquals(2.0, b.memBlocks().get(MemoryKind.RAMB36));
    assertEquals(5 + 2 * LinkEndpointCost.of(Vendor.XILINX).luts(), b.lutsEstimate());
  }
}
