package org.shardwire.hdl;

import spinal.core.ClockDomainConfig;

/**
 * FPGA vendor: decides the reset style of every register. Xilinx recommends a synchronous
 * active-high reset (it maps onto the flip-flops' SR pin and keeps DSP/BRAM registers usable);
 * Intel's Hyperflex/ALM registers prefer an asynchronous reset.
 */
public enum Vendor {
  XILINX(spinal.core.SYNC$.MODULE$, RamStyle.XILINX_BLOCK),
  INTEL(spinal.core.ASYNC$.MODULE$, RamStyle.INTEL_M20K);

  private final spinal.core.ResetKind resetKind;
  private final RamStyle defaultRamStyle;

  Vendor(spinal.core.ResetKind resetKind, RamStyle defaultRamStyle) {
    this.resetKind = resetKind;
    this.defaultRamStyle = defaultRamStyle;
  }

  public RamStyle defaultRamStyle() {
    return defaultRamStyle;
  }

  public boolean synchronousReset() {
    return resetKind == spinal.core.SYNC$.MODULE$;
  }

  ClockDomainConfig clockDomainConfig() {
    return new ClockDomainConfig(spinal.core.RISING$.MODULE$, resetKind, spinal.core.HIGH$.MODULE$,
        spinal.core.HIGH$.MODULE$, spinal.core.HIGH$.MODULE$);
  }
}
