package org.shardwire.plan;

import java.util.Locale;
import org.shardwire.boards.MemoryKind;

/** Where a memory goes: a kind of memory block, or LUT RAM (Xilinx distributed RAM, Intel MLAB). */
public enum MemoryPlacement {
  LUTRAM(null),
  RAMB36(MemoryKind.RAMB36),
  URAM288(MemoryKind.URAM288),
  M20K(MemoryKind.M20K);

  private final MemoryKind kind;

  MemoryPlacement(MemoryKind kind) {
    this.kind = kind;
  }

  /** The block kind, or null for LUT RAM. */
  public MemoryKind kind() {
    return kind;
  }

  public static MemoryPlacement of(MemoryKind kind) {
    return valueOf(kind.name());
  }

  public static MemoryPlacement parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("memory kind must be LUTRAM, RAMB36, URAM288 or M20K, got '" + text + "'", e);
    }
  }
}
