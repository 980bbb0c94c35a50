package org.shardwire.boards;

/**
 * One bank of a board's external DRAM that the FPGA fabric can read through an AXI4 port.
 *
 * @param name what the board's documentation calls it (e.g. "PS DDR4")
 * @param kind the DRAM generation (DDR3, DDR4)
 * @param widthBits data pins of the bank (ECC excluded)
 * @param dataRateMtps transfers per second per pin, in millions (DDR4-2400: 2400)
 * @param usableFraction the share of the peak a long sequential read stream gets in practice
 *     (refresh, page misses, controller and interconnect overhead)
 * @param sizeMiB capacity
 * @param axiDataBits width of the AXI4 port the fabric reads the bank through
 */
public record DdrBank(String name, String kind, int widthBits, int dataRateMtps, double usableFraction, long sizeMiB,
    int axiDataBits) {
  public DdrBank {
    if (name == null || name.isBlank() || kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("a DDR bank needs a name and a kind");
    }
    if (widthBits < 8 || widthBits % 8 != 0) {
      throw new IllegalArgumentException("DDR bank " + name + ": width must be a positive multiple of 8 bits, got "
          + widthBits);
    }
    if (dataRateMtps < 1) {
      throw new IllegalArgumentException("DDR bank " + name + ": data rate must be positive, got " + dataRateMtps);
    }
    if (!(usableFraction > 0 && usableFraction <= 1)) {
      throw new IllegalArgumentException("DDR bank " + name + ": usable fraction must be in (0, 1], got "
          + usableFraction);
    }
    if (sizeMiB < 1) {
      throw new IllegalArgumentException("DDR bank " + name + ": size must be positive, got " + sizeMiB);
    }
    if (axiDataBits < 8 || axiDataBits > 1024 || Integer.bitCount(axiDataBits) != 1) {
      throw new IllegalArgumentException("DDR bank " + name + ": AXI data width must be a power of two in 8..1024, got "
          + axiDataBits);
    }
  }

  /** Peak bytes per second: pins x transfers per second / 8. */
  public double peakBytesPerSecond() {
    return widthBits / 8.0 * dataRateMtps * 1e6;
  }

  /** What a sequential read stream gets: the peak times the usable fraction. */
  public double usableBytesPerSecond() {
    return peakBytesPerSecond() * usableFraction;
  }

  /**
   * Usable bytes per cycle of a fabric clock of {@code clockMhz}: the bank's usable rate, or one
   * beat of its AXI4 port per cycle when that port is the narrower path.
   */
  public double usableBytesPerCycle(double clockMhz) {
    return Math.min(usableBytesPerSecond() / (clockMhz * 1e6), axiDataBits / 8.0);
  }

  public long sizeBytes() {
    return sizeMiB << 20;
  }
}
