package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.boards.MemoryKind;
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

  @Test
  void aBoardPlanCountsItsEndpointsBlocks() {
    EnginePlan e = new EnginePlan("relu", "Relu", EngineKind.CLAMP, new Folding.Lanes(1), 10, 0, 0, 5,
        java.util.List.of(), 0);
    BoardPlan b = new BoardPlan(0, "zcu102", "DSP48E2", 2520, Map.of(MemoryKind.RAMB36, 912), "LUT", 274_080, 2,
        java.util.List.of(e), null, 0);
    assertEquals(2.0, b.memBlocks().get(MemoryKind.RAMB36));
    assertEquals(5 + 2 * LinkEndpointCost.of(Vendor.XILINX).luts(), b.lutsEstimate());
  }
}
