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

  /**
   * The sums of a packed array ({@link MacArrayConfig#packed}) computed the packed way ({@link
   * PackedMac#dot}): PE pairs from the shared activation, chunk sums split with the borrow
   * correction. Tests hold it equal to {@link #run}, the plain products.
   */
  public static List<int[]> runPacked(MacArrayConfig c, List<MacBeat> beats) {
    if (!c.packed()) {
      throw new IllegalArgumentException("runPacked needs a packed MAC array, got " + c);
    }
    int[] acc = new int[c.pe()];
    List<int[]> out = new ArrayList<>();
    byte[] hi = new byte[c.simd()];
    byte[] lo = new byte[c.simd()];
    for (MacBeat b : beats) {
      for (int p = 0; p < c.pe(); p += 2) {
        for (int l = 0; l < c.simd(); l++) {
          lo[l] = b.weights()[p * c.simd() + l];
          hi[l] = b.weights()[(p + 1) * c.simd() + l];
        }
        long[] dots = PackedMac.dot(b.activations(), hi, lo);
        acc[p] = (b.clear() ? 0 : acc[p]) + (int) dots[0];
        acc[p + 1] = (b.clear() ? 0 : acc[p + 1]) + (int) dots[1];
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
