package org.shardwire.hdl;

/**
 * The payload of an AXI-Stream-style port: {@code tdata} of {@code dataWidth} bits, optional
 * {@code tlast}, optional {@code tuser} of {@code userWidth} bits (0 = absent).
 */
public record AxisShape(int dataWidth, boolean hasLast, int userWidth) {
  public AxisShape {
    if (dataWidth < 1) {
      throw new IllegalArgumentException("tdata width must be at least 1, got " + dataWidth);
    }
    if (userWidth < 0) {
      throw new IllegalArgumentException("tuser width must be 0 (absent) or more, got " + userWidth);
    }
  }

  public static AxisShape data(int dataWidth) {
    return new AxisShape(dataWidth, false, 0);
  }

  public AxisShape withLast() {
    return new AxisShape(dataWidth, true, userWidth);
  }

  public AxisShape withUser(int width) {
    return new AxisShape(dataWidth, hasLast, width);
  }

  /** Bits of the whole payload when packed {tuser, tlast, tdata} (for FIFOs). */
  public int payloadWidth() {
    return dataWidth + (hasLast ? 1 : 0) + userWidth;
  }
}
