package org.shardwire.quant;

/** Real-to-int8 conversion of docs/numerics.md: clamp(round(x / scale), lowest, 127), ties away from zero. */
final class Quantize {
  private Quantize() {}

  static byte[] toInt8(float[] x, double scale, int lowest) {
    byte[] q = new byte[x.length];
    for (int i = 0; i < x.length; i++) {
      q[i] = (byte) Rounding.saturate(Rounding.halfAwayFromZero(x[i] / scale), lowest, 127);
    }
    return q;
  }
}
