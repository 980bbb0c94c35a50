package org.shardwire.boards;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.shardwire.hdl.Vendor;

/**
 * One board of the catalog: the FPGA's resources the planner budgets (multiplier units, memory
 * blocks by kind, LUTs or ALMs), its board-to-board link port, its default fabric clock and the
 * DRAM banks the fabric can read ({@code ddr}, possibly none).
 * {@code multipliers} counts the vendor's catalogue multiplier unit ({@code multiplierUnit}):
 * DSP48E2 slices on Xilinx, 18x19 multipliers on Intel (two per variable-precision DSP block).
 */
public record Board(String id, String name, Vendor vendor, String part, String multiplierUnit, int multipliers,
                    Map<MemoryKind, Integer> memory, String logicUnit, int logic, LinkPort link,
                    double defaultClockMhz, java.util.List<DdrBank> ddr) {
  public Board {
    ddr = java.util.List.copyOf(ddr);
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("board id must be lower-case letters, digits and '-', got '" + id + "'");
    }
    if (multipliers < 1) {
      throw new IllegalArgumentException("board " + id + ": multipliers must be positive, got " + multipliers);
    }
    EnumMap<MemoryKind, Integer> m = new EnumMap<>(MemoryKind.class);
    for (Map.Entry<MemoryKind, Integer> e : memory.entrySet()) {
      if (e.getKey().vendor() != vendor) {
        throw new IllegalArgumentException("board " + id + ": " + e.getKey() + " blocks are not on a " + vendor + " part");
      }
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("board " + id + ": memory." + e.getKey() + " must be >= 0, got " + e.getValue());
      }
      m.put(e.getKey(), e.getValue());
    }
    memory = Collections.unmodifiableMap(m);
    if (logic < 1) {
      throw new IllegalArgumentException("board " + id + ": logic must be positive, got " + logic);
    }
    if (!(defaultClockMhz > 0) || Double.isInfinite(defaultClockMhz)) {
      throw new IllegalArgumentException("board " + id + ": clock_mhz must be positive, got " + defaultClockMhz);
    }
  }

  /** A board without DRAM the fabric can read. */
  public Board(String id, String name, Vendor vendor, String part, String multiplierUnit, int multipliers,
      Map<MemoryKind, Integer> memory, String logicUnit, int logic, LinkPort link, double defaultClockMhz) {
    this(id, name, vendor, part, multiplierUnit, multipliers, memory, logicUnit, logic, link, defaultClockMhz,
        java.util.List.of());
  }

  /** The memory kinds the board has at least one block of, in {@link MemoryKind} order. */
  public java.util.List<MemoryKind> memoryKinds() {
    return memory.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
  }

  /** Blocks of one kind the board has (0 for a kind it lacks). */
  public int memoryBlocks(MemoryKind kind) {
    return memory.getOrDefault(kind, 0);
  }
}
