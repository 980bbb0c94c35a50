package org.shardwire.blocks.mac;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.golden.VectorFile;

/** Bit-exact model of {@link MacArray}: int8 x int8 products summed into wrapping int32 accumulators. */
public final class MacArrayGolden {
  private MacArrayGolden() {}

  /** The sums emitted for a sequence of beats, one int[pe] per emitting beat. */
  public static List<int[]> run(MacArrayConfig c, List<MacBeat> beats) {
    int[] acc = new int[c.pe()];
    List<int[]> out = new ArrayList<>();
    for (MacBeat b : beats) {
      for (int p = 0; p < c.pe(); p++) {
        int sum = b.clear() ? 0 : acc[p];
        for (int l = 0; l < c.simd(); l++) {
          sum += b.activations()[l] * b.weights()[p * c.simd() + l];
        }
        acc[p] = sum;
      }
      if (b.emit()) {
        out.add(acc.clone());
      }
    }
    return out;
  }

  /** Output beats as vector-file lines (tdata only). */
  public static List<List<BigInteger>> toVectors(List<int[]> sums) {
    List<List<BigInteger>> v = new ArrayList<>();
    for (int[] s : sums) {
      long[] lanes = new long[s.length];
      for (int i = 0; i < s.length; i++) {
        lanes[i] = s[i];
      }
      v.add(List.of(VectorFile.packLanes(lanes, Widths.INT32)));
    }
    return v;
  }
}
