package org.shardwire.boards;

import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;

/** The on-chip memory blocks a board's budget is counted in (LUT RAM / MLAB counts as logic). */
public enum MemoryKind {
  /** Xilinx 36 Kb block RAM; a RAMB18 counts as half of one. */
  RAMB36(Vendor.XILINX, RamStyle.XILINX_BLOCK, 36 * 1024),
  /** Xilinx 288 Kb UltraRAM (4K x 72 only). */
  URAM288(Vendor.XILINX, RamStyle.XILINX_ULTRA, 288 * 1024),
  /** Intel 20 Kb M20K block. */
  M20K(Vendor.INTEL, RamStyle.INTEL_M20K, 20 * 1024);

  private final Vendor vendor;
  private final RamStyle style;
  private final int bits;

  MemoryKind(Vendor vendor, RamStyle style, int bits) {
    this.vendor = vendor;
    this.style = style;
    this.bits = bits;
  }

  public Vendor vendor() {
    return vendor;
  }

  /** The synthesis attribute that puts a memory into this kind of block. */
  public RamStyle style() {
    return style;
  }

  public int bitsPerBlock() {
    return bits;
  }
}
