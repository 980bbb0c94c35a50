package org.shardwire.blocks.reader;

import java.math.BigInteger;
import java.util.List;
import org.shardwire.hdl.AxisShape;

/**
 * The two streams of an {@link OnChipBurstMemory}, in the style of AXI4's AR and R channels: a
 * request {@code {length, word address}} asks for {@code length} consecutive words;
 * the response returns them in order, {@code tlast} on the last.
 */
public record BurstShape(int addressWidth, int lengthWidth, int wordBits) {
  public BurstShape {
    if (addressWidth < 1 || addressWidth > 40) {
      throw new IllegalArgumentException("burst address width must be in 1..40; got " + addressWidth);
    }
    if (lengthWidth < 1 || lengthWidth > 24) {
      throw new IllegalArgumentException("burst length width must be in 1..24; got " + lengthWidth);
    }
    if (wordBits < 1) {
      throw new IllegalArgumentException("burst word width must be positive; got " + wordBits);
    }
  }

  public AxisShape requestShape() {
    return AxisShape.data(lengthWidth + addressWidth);
  }

  public AxisShape responseShape() {
    return AxisShape.data(wordBits).withLast();
  }

  public List<BigInteger> request(long length, long wordAddress) {
    return List.of(BigInteger.valueOf(length).shiftLeft(addressWidth).or(BigInteger.valueOf(wordAddress)));
  }
}
