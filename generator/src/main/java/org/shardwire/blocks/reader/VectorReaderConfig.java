package org.shardwire.blocks.reader;

import org.shardwire.blocks.Widths;
import org.shardwire.hdl.AxisShape;

/**
 * An aggregate ("vectorized") reader: a memory word holds {@code vectorWidth} elements of
 * {@code elementBits} bits, and the reader streams out vectors of {@code vectorWidth}
 * consecutive elements starting at any element address — aligned starts pass words through,
 * unaligned starts are realigned from two neighbouring words — one vector per cycle.
 *
 * <p>Command ({@code s_axis_cmd}): {@code {count, base element address}}; output ({@code m_axis}):
 * {@code count} vectors, element 0 least significant, {@code tlast} on the last.
 */
public record VectorReaderConfig(int elementBits, int vectorWidth, int wordAddressWidth, int countWidth) {
  public VectorReaderConfig {
    if (vectorWidth != 2 && vectorWidth != 4 && vectorWidth != 8 && vectorWidth != 16) {
      throw new IllegalArgumentException("vector reader: width must be one of 2, 4, 8, 16; got " + vectorWidth);
    }
    if (elementBits < 1 || elementBits > 64) {
      throw new IllegalArgumentException("vector reader: element width must be in 1..64 bits; got " + elementBits);
    }
    if (wordAddressWidth < 1 || wordAddressWidth > 32) {
      throw new IllegalArgumentException("vector reader: word address width must be in 1..32; got " + wordAddressWidth);
    }
    if (countWidth < 1 || countWidth > 20) {
      throw new IllegalArgumentException("vector reader: count width must be in 1..20; got " + countWidth);
    }
  }

  public int wordBits() {
    return elementBits * vectorWidth;
  }

  public int offsetBits() {
    return Widths.log2(vectorWidth);
  }

  public int elementAddressWidth() {
    return wordAddressWidth + offsetBits();
  }

  /** Longest command, in vectors. */
  public long maxCount() {
    return (1L << countWidth) - 1;
  }

  public AxisShape commandShape() {
    return AxisShape.data(countWidth + elementAddressWidth());
  }

  public AxisShape outputShape() {
    return AxisShape.data(wordBits()).withLast();
  }

  /** An unaligned command reads one word more than it returns vectors. */
  public BurstShape burstShape() {
    return new BurstShape(wordAddressWidth, countWidth + 1, wordBits());
  }

  public String moduleName() {
    return "vector_reader_e" + elementBits + "_v" + vectorWidth + "_a" + wordAddressWidth + "_c" + countWidth;
  }
}
