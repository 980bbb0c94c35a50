package org.shardwire.plan;

import java.util.Map;
import org.shardwire.hdl.RamStyle;

/**
 * The RAM each memory of an engine is built in, by the memory's name ({@code weights},
 * {@code line_buffer}, {@code requant_params}, {@code sums}); memories not named get
 * {@code blockRam}. The lowering fills it from the plan's placements; the cost model uses
 * {@link #costing()}, since a style changes no figure the planner reads.
 */
public record MemoryStyles(RamStyle blockRam, Map<String, RamStyle> byMemory) {
  public MemoryStyles {
    byMemory = Map.copyOf(byMemory);
  }

  /** Every memory in Xilinx block RAM: for costing, where only shapes matter. */
  public static MemoryStyles costing() {
    return new MemoryStyles(RamStyle.XILINX_BLOCK, Map.of());
  }

  /** The style of {@code memory}, or of its first bank ({@code memory_b0}) when the plan split it. */
  public RamStyle of(String memory) {
    RamStyle s = byMemory.get(memory);
    return s != null ? s : byMemory.getOrDefault(memory + "_b0", blockRam);
  }
}
