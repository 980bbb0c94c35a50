package org.shardwire.hdl;

import spinal.core.ClockDomainConfig;

/**
 * FPGA vendor: decides the reset style of every register. Xilinx recommends a synchronous
 * active-high reset (it maps onto the flip-flops' SR pin and keeps DSP/BRAM registers usable);
 * Intel's Hyperflex/ALM registers prefer an asynchronous reset.
 */
public enum Vendor {
  XILINX(spinal.core.SYNC$.MODULE$, RamStyle.XILINX_BLOCK, RamStyle.XILINX_DISTRIBUTED),
  INTEL(spinal.core.ASYNC$.MODULE$, RamStyle.INTEL_M20K, RamStyle.INTEL_MLAB);

  private final spinal.core.ResetKind resetKind;
  private final RamStyle defaultRamStyle;
  private final RamStyle lutRamStyle;

  Vendor(spinal.core.ResetKind resetKind, RamStyle defaultRamStyle, RamStyle lutRamStyle) {
    this.resetKind = resetKind;
    this.defaultRamStyle = defaultRamStyle;
    this.lutRamStyle = lutRamStyle;
  }

  /** The vendor's block RAM. */
  public RamStyle defaultRamStyle() {
    return defaultRamStyle;
  }

  /** The vendor's LUT RAM (Xilinx distributed RAM, Intel MLAB), for small tables. */
  public RamStyle lutRamStyle() {
    return lutRamStyle;
  }

  /** Catalogue multiplier units (DSP48E2, or 18 x 19 units) a signed {@code aBits x bBits}-bit product takes. */
  public int multiplierUnits(int aBits, int bBits) {
    return (this == XILINX ? MultiplierTiling.XILINX : MultiplierTiling.INTEL).units(aBits, bBits);
  }

  public boolean synchronousReset() {
    return resetKind == spinal.core.SYNC$.MODULE$;
  }

  ClockDomainConfig clockDomainConfig() {
    return new ClockDomainConfig(spinal.core.RISING$.MODULE$, resetKind, spinal.core.HIGH$.MODULE$,
        spinal.core.HIGH$.MODULE$, spinal.core.HIGH$.MODULE$);
  }
}
