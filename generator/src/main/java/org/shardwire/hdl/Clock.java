package org.shardwire.hdl;

import spinal.core.ClockDomain;

/** A clock with its reset: the domain registers and FIFOs are clocked in. */
public final class Clock {
  final ClockDomain raw;

  Clock(ClockDomain raw) {
    this.raw = raw;
  }

  /** @param rst the reset port, or null for a clock without reset */
  static Clock fromPorts(Bool clk, Bool rst, Vendor vendor) {
    return new Clock(spinal.core.ClockDomain$.MODULE$.apply(clk.raw, rst == null ? null : rst.raw,
        spinal.core.ClockDomain$.MODULE$.apply$default$3(), spinal.core.ClockDomain$.MODULE$.apply$default$4(),
        spinal.core.ClockDomain$.MODULE$.apply$default$5(), vendor.clockDomainConfig(),
        spinal.core.ClockDomain$.MODULE$.apply$default$7(), spinal.core.ClockDomain$.MODULE$.apply$default$8()));
  }

  /** Runs {@code body} so that every register it creates is clocked by this clock. */
  public void apply(Runnable body) {
    raw.apply(When.block(body));
  }
}
