package org.shardwire.blocks.mac;

import java.math.BigInteger;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.golden.VectorFile;

/**
 * One input beat of a {@link MacArray}: SIMD activations, PE x SIMD weights (row-major by PE),
 * and the clear/emit flags.
 */
public record MacBeat(byte[] activations, byte[] weights, boolean clear, boolean emit) {

  /** The beat as a vector-file line: tdata, tlast (emit), tuser (clear). */
  public List<BigInteger> toVector(MacArrayConfig c) {
    if (activations.length != c.simd() || weights.length != c.pe() * c.simd()) {
      throw new IllegalArgumentException("beat has " + activations.length + " activations and " + weights.length
          + " weights; the array needs " + c.simd() + " and " + c.pe() * c.simd());
    }
    BigInteger acts = VectorFile.packLanes(toLongs(activations), Widths.INT8);
    BigInteger w = VectorFile.packLanes(toLongs(weights), Widths.INT8);
    BigInteger data = w.shiftLeft(c.activationBits()).or(acts);
    return List.of(data, emit ? BigInteger.ONE : BigInteger.ZERO, clear ? BigInteger.ONE : BigInteger.ZERO);
  }

  private static long[] toLongs(byte[] b) {
    long[] l = new long[b.length];
    for (int i = 0; i < b.length; i++) {
      l[i] = b[i];
    }
    return l;
  }
}
