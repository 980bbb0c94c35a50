package org.shardwire.hdl;

/**
 * The widths of an AXI4 read-only master port ({@link Axi4Read}): byte address bits, data bits
 * per beat and ID bits. The data width is one of AXI4's (8..1024, a power of two), so every beat
 * is a whole number of bytes and {@code arsize} is {@code log2(dataWidth / 8)}.
 */
public record Axi4ReadShape(int addressWidth, int dataWidth, int idWidth) {
  /** AXI4's longest INCR burst, in beats. */
  public static final int MAX_BURST_BEATS = 256;
  /** No burst may cross a 4 KB address boundary (AXI4, A3.4.1). */
  public static final int BOUNDARY_BYTES = 4096;

  public Axi4ReadShape {
    if (dataWidth < 8 || dataWidth > 1024 || Integer.bitCount(dataWidth) != 1) {
      throw new IllegalArgumentException("AXI4 data width must be a power of two in 8..1024 bits; got " + dataWidth);
    }
    if (addressWidth < 12 || addressWidth > 64) {
      throw new IllegalArgumentException("AXI4 address width must be in 12..64 bits; got " + addressWidth);
    }
    if (idWidth < 1 || idWidth > 16) {
      throw new IllegalArgumentException("AXI4 ID width must be in 1..16 bits; got " + idWidth);
    }
  }

  public int beatBytes() {
    return dataWidth / 8;
  }

  /** The {@code arsize} code of a full-width beat. */
  public int sizeCode() {
    return Integer.numberOfTrailingZeros(beatBytes());
  }
}
