package org.shardwire.blocks.reader;

import org.shardwire.blocks.Widths;
import org.shardwire.hdl.Axi4ReadShape;
import org.shardwire.hdl.AxisShape;

/**
 * The aggregate ("vectorized") reader: an AXI4 burst-read master whose data beat holds
 * {@code vectorWidth} elements of {@code elementBits} bits. It streams out vectors of
 * {@code vectorWidth} consecutive elements starting at any element address (aligned starts pass
 * beats through, unaligned starts are realigned from two neighbouring beats), one vector per cycle
 * while memory keeps up.
 *
 * <p>Command ({@code s_axis_cmd}): {@code {count, base element address}}; output ({@code m_axis}):
 * {@code count} vectors, element 0 least significant, {@code tlast} on the last. Element address
 * {@code e} is byte {@code e * elementBits / 8} of the AXI address space.
 *
 * <p>Reads are INCR bursts of at most {@code maxBurstBeats} beats that never cross a 4 KB
 * boundary ({@link AxiBursts}). Its data buffer holds {@code outstandingBursts} of the longest
 * bursts, and it reserves room there for a whole burst before it asks for it: as many bursts are in
 * flight as the buffer has room for (more when they are short), and it never holds {@code rready}
 * low, so a slow consumer stalls the requests, never the interconnect.
 */
public record VectorReaderConfig(int elementBits, int vectorWidth, int addressWidth, int countWidth,
    int maxBurstBeats, int outstandingBursts) {

  public VectorReaderConfig {
    if (vectorWidth != 2 && vectorWidth != 4 && vectorWidth != 8 && vectorWidth != 16) {
      throw new IllegalArgumentException("vector reader: width must be one of 2, 4, 8, 16; got " + vectorWidth);
    }
    if (elementBits < 1 || elementBits > 64 || !Widths.isPowerOfTwo(elementBits) || elementBits * vectorWidth < 8) {
      throw new IllegalArgumentException("vector reader: element width must be a power of two in 1..64 bits and a "
          + "vector at least one byte (an AXI4 beat is 8..1024 bits); got " + elementBits + "-bit elements x "
          + vectorWidth);
    }
    if (addressWidth < 12 || addressWidth > 48) {
      throw new IllegalArgumentException("vector reader: AXI address width must be in 12..48 bits; got " + addressWidth);
    }
    if (countWidth < 1 || countWidth > 24) {
      throw new IllegalArgumentException("vector reader: count width must be in 1..24; got " + countWidth);
    }
    int beatBytes = elementBits * vectorWidth / 8;
    int pageBeats = Axi4ReadShape.BOUNDARY_BYTES / beatBytes;
    if (!Widths.isPowerOfTwo(maxBurstBeats) || maxBurstBeats > Math.min(Axi4ReadShape.MAX_BURST_BEATS, pageBeats)) {
      throw new IllegalArgumentException("vector reader: longest burst must be a power of two of at most "
          + Math.min(Axi4ReadShape.MAX_BURST_BEATS, pageBeats) + " beats of " + beatBytes + " bytes; got " + maxBurstBeats);
    }
    if (outstandingBursts < 1 || outstandingBursts > 16) {
      throw new IllegalArgumentException("vector reader: outstanding bursts must be in 1..16; got " + outstandingBursts);
    }
  }

  /** A reader with 16-beat bursts, four in flight. */
  public static VectorReaderConfig of(int elementBits, int vectorWidth, int addressWidth, int countWidth) {
    return new VectorReaderConfig(elementBits, vectorWidth, addressWidth, countWidth,
        Math.min(16, Axi4ReadShape.BOUNDARY_BYTES / (elementBits * vectorWidth / 8)), 4);
  }

  /** Bits of a vector, and of an AXI data beat. */
  public int wordBits() {
    return elementBits * vectorWidth;
  }

  public int beatBytes() {
    return wordBits() / 8;
  }

  public Axi4ReadShape axiShape() {
    return new Axi4ReadShape(addressWidth, wordBits(), 1);
  }

  /** Beats in a 4 KB page: no burst crosses a multiple of this beat address. */
  public int pageBeats() {
    return Axi4ReadShape.BOUNDARY_BYTES / beatBytes();
  }

  public int offsetBits() {
    return Widths.log2(vectorWidth);
  }

  /** Bits of a beat (word) address: the byte address without its in-beat bits. */
  public int wordAddressWidth() {
    return addressWidth - Widths.log2(beatBytes());
  }

  public int elementAddressWidth() {
    return wordAddressWidth() + offsetBits();
  }

  /** Longest command, in vectors. */
  public long maxCount() {
    return (1L << countWidth) - 1;
  }

  /** Words the data buffer holds: every outstanding burst at its longest. */
  public int bufferWords() {
    return outstandingBursts * maxBurstBeats;
  }

  /** Commands whose data may be in flight at once. */
  public int commandQueueDepth() {
    return Math.max(2, outstandingBursts);
  }

  /** What the output side keeps of each queued command: its count and its offset in the first beat. */
  public int commandQueueWidth() {
    return countWidth + offsetBits();
  }

  public AxisShape commandShape() {
    return AxisShape.data(countWidth + elementAddressWidth());
  }

  public AxisShape outputShape() {
    return AxisShape.data(wordBits()).withLast();
  }

  public String moduleName() {
    return "vector_reader_axi_e" + elementBits + "_v" + vectorWidth + "_a" + addressWidth + "_c" + countWidth
        + "_b" + maxBurstBeats + "_o" + outstandingBursts;
  }
}
