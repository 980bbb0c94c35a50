package org.shardwire.blocks.engines;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.memory.BankLayout;
import org.shardwire.hdl.RamStyle;

/** A memory inside an engine, for the cost model's block counts. */
public record MemorySpec(String name, int width, int depth, RamStyle style) {
  public MemorySpec {
    if (width < 1 || depth < 1) {
      throw new IllegalArgumentException("memory " + name + " must be at least 1 x 1, got " + width + " x " + depth);
    }
  }

  /** One memory per bank of a banked word, named as the banks' memories are ({@code name_b<i>} when split). */
  public static List<MemorySpec> banked(String name, BankLayout layout, int depth, RamStyle style) {
    List<MemorySpec> out = new ArrayList<>();
    for (int b = 0; b < layout.banks(); b++) {
      out.add(new MemorySpec(layout.banks() == 1 ? name : name + "_b" + b, layout.bankWidth(b), depth, style));
    }
    return out;
  }

  public long bits() {
    return (long) width * depth;
  }
}
