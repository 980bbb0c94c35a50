package org.shardwire.quant;

import java.util.List;
import org.shardwire.model.AvgPool;

/**
 * Average pooling: y = clamp(rq(window sum; forDivisor(n)), -128, 127) where n is the window's
 * divisor (docs/numerics.md). {@code byDivisor.get(n - 1)} is the requantizer for divisor n,
 * for every n from 1 to kh * kw (only kh * kw occurs when count_include_pad).
 */
public record QAvgPool(AvgPool layer, List<Requant> byDivisor) implements QLayer {
  public QAvgPool {
    byDivisor = List.copyOf(byDivisor);
    if (byDivisor.size() != layer.kernelH() * layer.kernelW()) {
      throw new IllegalArgumentException("average pool needs one requantizer per divisor 1.." + layer.kernelH()
          * layer.kernelW());
    }
  }

  public Requant forDivisor(int n) {
    return byDivisor.get(n - 1);
  }
}
