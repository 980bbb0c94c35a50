package org.shardwire.hdl;

/** Which on-chip memory a synthesis tool should use for a {@link Memory}. */
public enum RamStyle {
  /** Xilinx block RAM (RAMB18/RAMB36). */
  XILINX_BLOCK("ram_style", "block"),
  /** Xilinx UltraRAM (URAM288). */
  XILINX_ULTRA("ram_style", "ultra"),
  /** Xilinx LUT RAM. */
  XILINX_DISTRIBUTED("ram_style", "distributed"),
  /** Intel M20K block. */
  INTEL_M20K("ramstyle", "M20K"),
  /** Intel MLAB (LUT RAM). */
  INTEL_MLAB("ramstyle", "MLAB");

  private final String attribute;
  private final String value;

  RamStyle(String attribute, String value) {
    this.attribute = attribute;
    this.value = value;
  }

  public String attribute() {
    return attribute;
  }

  public String value() {
    return value;
  }

  public Vendor vendor() {
    return attribute.equals("ramstyle") ? Vendor.INTEL : Vendor.XILINX;
  }
}
