package org.shardwire.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.shardwire.boards.MemoryKind;
import org.shardwire.hdl.Vendor;

/**
 * One board of a plan: which board (catalogue id), what it has, its engines in stream order, and
 * what stopped its folding ({@code limit}; null in a plan.json written before it was recorded),
 * and the DDR bytes per cycle its streamed weights may read (its bank's usable rate at the plan's
 * clock; 0 for a board without DDR), and its serial-link endpoints (a pipeline board's one or two, a
 * channel-group board's one per stream it sends or receives, each sized to its stream).
 * Totals are derived from the engines, so they cannot disagree with them.
 */
public record BoardPlan(int index, String board, String multiplierUnit, int multipliersAvailable,
                        Map<MemoryKind, Integer> memBlocksAvailable, String logicUnit, long logicAvailable,
                        List<EndpointPlan> linkEnds, List<EnginePlan> engines, FoldLimit limit,
                        double ddrBytesPerCycle) {
  public BoardPlan {
    linkEnds = List.copyOf(linkEnds);
    EnumMap<MemoryKind, Integer> available = new EnumMap<>(MemoryKind.class);
    available.putAll(memBlocksAvailable);
    memBlocksAvailable = Collections.unmodifiableMap(available);
    engines = List.copyOf(engines);
    if (engines.isEmpty()) {
      throw new IllegalArgumentException("board " + index + " (" + board + ") has no layers");
    }
    if (limit != null && (limit.engine() < 0 || limit.engine() >= engines.size())) {
      throw new IllegalArgumentException("board " + index + " (" + board + "): its limit names engine "
          + limit.engine() + " of " + engines.size());
    }
  }

  /** Bytes per frame its engines' weights read from DDR. */
  public long ddrBytesPerFrame() {
    long b = 0;
    for (EnginePlan e : engines) {
      b += e.ddrBytesPerFrame();
    }
    return b;
  }

  /** The node names it holds, in order. */
  public List<String> layers() {
    List<String> l = new ArrayList<>();
    for (EnginePlan e : engines) {
      l.add(e.node());
    }
    return l;
  }

  /** "first..last". */
  public String layerRange() {
    String first = engines.get(0).node();
    String last = engines.get(engines.size() - 1).node();
    return first.equals(last) ? first : first + ".." + last;
  }

  /** The board's II: its slowest engine, or its DDR when that delivers the streamed weights slower. */
  public long cyclesPerFrame() {
    long c = BoardUsage.ddrCycles(ddrBytesPerFrame(), ddrBytesPerCycle);
    for (EnginePlan e : engines) {
      c = Math.max(c, e.cycles());
    }
    return c;
  }

  public int multipliers() {
    int m = 0;
    for (EnginePlan e : engines) {
      m += e.multipliers();
    }
    return m;
  }

  /** How many link endpoints it has. */
  public int linkEndpoints() {
    return linkEnds.size();
  }

  /** Blocks used, for every kind the board has: the engines' memories and the link endpoints'. */
  public Map<MemoryKind, Double> memBlocks() {
    Map<MemoryKind, Double> used = new EnumMap<>(MemoryKind.class);
    for (MemoryKind k : memBlocksAvailable.keySet()) {
      double b = 0;
      for (EndpointPlan end : linkEnds) {
        b += LinkEndpointCost.of(end, vendor()).blocks(k, 1);
      }
      used.put(k, b);
    }
    for (EnginePlan e : engines) {
      for (MemoryPlan m : e.memories()) {
        if (m.placement().kind() != null) {
          used.merge(m.placement().kind(), m.blocks(), Double::sum);
        }
      }
    }
    return used;
  }

  /** The board's vendor: that of its memory kinds. */
  private Vendor vendor() {
    return memBlocksAvailable.keySet().iterator().next().vendor();
  }

  /** LUTs (ALMs on Intel): engines, LUT RAM and link endpoints. */
  public long lutsEstimate() {
    long l = 0;
    for (EndpointPlan end : linkEnds) {
      l += LinkEndpointCost.of(end, vendor()).luts();
    }
    for (EnginePlan e : engines) {
      l += e.lutsTotal();
    }
    return l;
  }

  public long macMultipliers() {
    long m = 0;
    for (EnginePlan e : engines) {
      m += e.macMultipliers();
    }
    return m;
  }
}
