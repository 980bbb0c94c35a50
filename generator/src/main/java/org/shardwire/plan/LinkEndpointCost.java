package org.shardwire.plan;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.blocks.memory.MemoryBlockEstimator;
import org.shardwire.boards.MemoryKind;
import org.shardwire.hdl.Vendor;

/**
 * What one serial-link endpoint (a transmitter or a receiver) costs the board it sits on, read
 * from the endpoint the lowering builds ({@link LinkConfig#defaults}, or {@link EndpointPlan#config}
 * for an exchange sized to its stream): the larger of the two
 * ends' LUTs, and per kind the larger of their memory blocks (the replay buffer or the receive
 * FIFO, in the vendor's block RAM; their small tables are LUT RAM, inside the LUTs). The planner
 * counts endpoints, not which end each is, so it takes the larger end; the two ends take the same
 * blocks. Neither depends on the stream's width: a payload word is at most 64 bits (plus a few
 * bits of framing in the FIFO), one 512-deep RAMB36 or two M20K at any width
 * ({@code LinkEndpointCostTest} checks every lane count). A buffer in LUT RAM (an exchange's, cut
 * to its stream) is counted in LUTs, at the allocator's bits per LUT.
 */
public record LinkEndpointCost(long luts, Map<MemoryKind, Double> blocks) {
  private static final Map<Vendor, LinkEndpointCost> BY_VENDOR = new EnumMap<>(Vendor.class);

  static {
    for (Vendor v : Vendor.values()) {
      BY_VENDOR.put(v, of(LinkConfig.defaults(1, v)));
    }
  }

  public LinkEndpointCost {
    blocks = Collections.unmodifiableMap(new EnumMap<>(blocks));
  }

  /** An endpoint on a board of this vendor. */
  public static LinkEndpointCost of(Vendor vendor) {
    return BY_VENDOR.get(vendor);
  }

  /** An endpoint as planned, on a board of this vendor: the larger end of the link built for it. */
  public static LinkEndpointCost of(EndpointPlan end, Vendor vendor) {
    return end.isFull() ? of(vendor) : of(end.config(vendor));
  }

  /** The larger end of a link built with this config. */
  public static LinkEndpointCost of(LinkConfig link) {
    Map<MemoryKind, Double> tx = blocks(link.txMemories());
    Map<MemoryKind, Double> rx = blocks(link.rxMemories());
    Map<MemoryKind, Double> larger = new EnumMap<>(MemoryKind.class);
    for (MemoryKind k : MemoryKind.values()) {
      double b = Math.max(tx.getOrDefault(k, 0.0), rx.getOrDefault(k, 0.0));
      if (b > 0) {
        larger.put(k, b);
      }
    }
    // The calibrated LUTs include the small tables (ALMs on Intel, as for engine logic); a buffer
    // cut small enough for LUT RAM adds its bits.
    long bufferLuts = Math.max(lutRamLuts(link.replayMemory()), lutRamLuts(link.rxFifoMemory()));
    long logic = LogicEstimate.inLogicUnits(Math.max(link.txLuts(), link.rxLuts()), link.ramStyle().vendor());
    return new LinkEndpointCost(logic + bufferLuts, larger);
  }

  private static long lutRamLuts(MemorySpec m) {
    if (m.style() != m.style().vendor().lutRamStyle()) {
      return 0;
    }
    return MemoryAllocator.lutRamLuts((long) m.width() * m.depth());
  }

  /** Blocks of one kind for {@code endpoints} endpoints. */
  public double blocks(MemoryKind kind, int endpoints) {
    return endpoints * blocks.getOrDefault(kind, 0.0);
  }

  private static Map<MemoryKind, Double> blocks(List<MemorySpec> memories) {
    Map<MemoryKind, Double> out = new EnumMap<>(MemoryKind.class);
    for (MemorySpec m : memories) {
      for (MemoryKind k : MemoryKind.values()) {
        if (k.style() == m.style()) {
          out.merge(k, MemoryBlockEstimator.blocks(m.style(), m.width(), m.depth()), Double::sum);
        }
      }
    }
    return out;
  }
}
