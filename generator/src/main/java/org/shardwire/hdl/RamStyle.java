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

  /**
   * The attribute value for a read-only memory (initial contents, no write port) in this style.
   * Xilinx LUT-RAM primitives need a write port, so a ROM "in LUT RAM" is LUT logic:
   * {@code "registers"} (Vivado: no RAM primitive; the constant array becomes LUTs; yosys: soft
   * logic), where {@code "distributed"} makes yosys 0.23 stop with "no valid mapping found".
   * Every other style holds a ROM as it is.
   */
  public String romValue() {
    return this == XILINX_DISTRIBUTED ? "registers" : value;
  }

  public Vendor vendor() {
    return attribute.equals("ramstyle") ? Vendor.INTEL : Vendor.XILINX;
  }
}
