package org.shardwire.golden;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.model.Shape;
import org.shardwire.quant.Int8Tensor;

/**
 * int8 activation tensors as vector files (docs/vector-format.md): NHWC order, channels innermost,
 * {@code simd} consecutive channels per beat with lane 0 (the lowest channel) in the least
 * significant byte. When C is not a multiple of {@code simd}, a pixel's last beat carries zeros in
 * its unused high lanes. With {@code tlast}, the last beat of the tensor has tlast = 1 and every
 * other beat 0.
 */
public final class TensorVectors {
  private TensorVectors() {}

  public static List<List<BigInteger>> beats(Int8Tensor t, int simd, boolean tlast) {
    if (simd < 1) {
      throw new IllegalArgumentException("simd must be >= 1, got " + simd);
    }
    Shape s = t.shape();
    int perPixel = beatsPerPixel(s, simd);
    int pixels = s.h() * s.w();
    List<List<BigInteger>> beats = new ArrayList<>(pixels * perPixel);
    long[] lanes = new long[simd];
    for (int p = 0; p < pixels; p++) {
      for (int b = 0; b < perPixel; b++) {
        for (int l = 0; l < simd; l++) {
          int ch = b * simd + l;
          lanes[l] = ch < s.c() ? t.get(p * s.c() + ch) : 0;
        }
        BigInteger word = VectorFile.packLanes(lanes, 8);
        boolean last = p == pixels - 1 && b == perPixel - 1;
        beats.add(tlast ? List.of(word, last ? BigInteger.ONE : BigInteger.ZERO) : List.of(word));
      }
    }
    return beats;
  }

  public static void write(Path file, Int8Tensor t, int simd, boolean tlast) {
    VectorFile.write(file, beats(t, simd, tlast));
  }

  /** Reads a tensor of a known shape back (the inverse of {@link #write}); a wrong beat count is an error. */
  public static Int8Tensor read(Path file, Shape shape, int simd) {
    List<List<BigInteger>> beats = VectorFile.read(file);
    int perPixel = beatsPerPixel(shape, simd);
    long expected = (long) shape.h() * shape.w() * perPixel;
    if (beats.size() != expected) {
      throw new IllegalArgumentException("vector file " + file + " has " + beats.size() + " beats, a " + shape
          + " tensor at simd " + simd + " needs " + expected);
    }
    byte[] data = new byte[(int) shape.elements()];
    for (int i = 0; i < beats.size(); i++) {
      long[] lanes = VectorFile.unpackLanes(beats.get(i).get(0), simd, 8);
      int p = i / perPixel;
      int b = i % perPixel;
      for (int l = 0; l < simd; l++) {
        int ch = b * simd + l;
        if (ch < shape.c()) {
          data[p * shape.c() + ch] = (byte) lanes[l];
        }
      }
    }
    return Int8Tensor.activation(shape, data);
  }

  private static int beatsPerPixel(Shape s, int simd) {
    return (s.c() + simd - 1) / simd;
  }
}
