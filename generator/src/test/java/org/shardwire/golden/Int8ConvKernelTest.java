package org.shardwire.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.model.Activation;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;
import org.shardwire.quant.Clamp;
import org.shardwire.quant.Requant;

/**
 * The conv kernel with the requantizer set to the identity (M = 2^30, s = 30) and small values,
 * so every output IS the raw accumulator: an error of 1 in any sum shows.
 */
class Int8ConvKernelTest {
  static final Requant IDENTITY = new Requant(1 << 30, 30);

  @ParameterizedTest(name = "{0}x{1}x{2} k{3}x{4} s{5}x{6} pad{7},{8},{9},{10} g{11} out{12}")
  @CsvSource({
      // h, w, c, kh, kw, sh, sw, top, left, bottom, right, groups, outC
      "5, 7, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 6",      // 3x3 same padding, odd width
      "6, 6, 16, 1, 1, 1, 1, 0, 0, 0, 0, 1, 9",     // direct 1x1, odd channel count
      "6, 5, 16, 1, 1, 2, 2, 0, 0, 0, 0, 1, 4",     // strided 1x1 (im2col path)
      "7, 9, 12, 3, 2, 2, 1, 2, 0, 1, 1, 3, 15",    // grouped, odd per-group outputs, asymmetric
      "5, 5, 10, 3, 3, 2, 2, 1, 1, 1, 1, 10, 10",   // depthwise stride 2
      "4, 3, 6, 3, 3, 1, 1, 1, 1, 1, 1, 6, 6",      // depthwise stride 1
      "9, 9, 3, 7, 7, 2, 2, 3, 3, 3, 3, 1, 8",      // stem-like 7x7
      "3, 3, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 40",    // few rows: channels split across tasks
      "1, 1, 33, 1, 1, 1, 1, 0, 0, 0, 0, 1, 7",     // one pixel
      "5, 7, 8, 1, 1, 1, 1, 0, 0, 0, 0, 2, 70",     // 35 outputs per group: a full and a partial block
      "3, 11, 24, 3, 3, 1, 1, 1, 1, 1, 1, 1, 33",   // 11 pixels per row: blocks of 4 and single pixels
  })
  void convEqualsTheRawAccumulator(int h, int w, int c, int kh, int kw, int sh, int sw, int top, int left, int bottom,
                                   int right, int groups, int outC) {
    SplittableRandom r = new SplittableRandom(h * 1000L + c);
    Shape in = Shape.of(h, w, c);
    Conv conv = new Conv(new FloatTensor(new int[] {outC, kh, kw, c / groups}, new float[outC * kh * kw * (c / groups)]),
        Optional.empty(), sh, sw, new Padding(top, left, bottom, right), groups, Activation.NONE);
    Shape out = conv.outputShape("t", java.util.List.of(in));
    byte[] wq = new byte[outC * kh * kw * (c / groups)];
    for (int i = 0; i < wq.length; i++) {
      wq[i] = (byte) r.nextInt(-1, 2);
    }
    int[] x = new int[(int) in.elements()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(-1, 2);
    }
    int[] bias = new int[outC];
    for (int o = 0; o < outC; o++) {
      bias[o] = r.nextInt(-3, 4);
    }
    Requant[] rq = new Requant[outC];
    Arrays.fill(rq, IDENTITY);
    int[] scalar = new Int8ConvKernel(conv, in, out, wq, bias, rq, Clamp.FULL, ConvEngine.SCALAR).run(x);
    int[] vector = new Int8ConvKernel(conv, in, out, wq, bias, rq, Clamp.FULL, ConvEngine.VECTOR).run(x);

    int[] expected = new int[scalar.length];
    int icg = c / groups;
    int ocg = outC / groups;
    boolean sawNonZero = false;
    for (int oy = 0; oy < out.h(); oy++) {
      for (int ox = 0; ox < out.w(); ox++) {
        for (int o = 0; o < outC; o++) {
          int acc = bias[o];
          for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
              int iy = oy * sh - top + ky;
              int ix = ox * sw - left + kx;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                continue;
              }
              for (int i = 0; i < icg; i++) {
                acc += x[(iy * w + ix) * c + (o / ocg) * icg + i] * wq[((o * kh + ky) * kw + kx) * icg + i];
              }
            }
          }
          assertTrue(Math.abs(acc) <= 127, "test values keep the accumulator inside int8");
          expected[out.index(oy, ox, o)] = acc;
          sawNonZero |= acc != 0;
        }
      }
    }
    assertTrue(sawNonZero);
    assertArrayEquals(expected, scalar, "scalar engine");
    assertArrayEquals(expected, vector, "vector engine");
  }

  @Test
  void fullyConnectedEqualsTheRawAccumulator() {
    SplittableRandom r = new SplittableRandom(3);
    Shape in = Shape.of(3, 2, 11);
    int outF = 13;
    byte[] wq = new byte[outF * 66];
    for (int i = 0; i < wq.length; i++) {
      wq[i] = (byte) r.nextInt(-1, 2);
    }
    int[] x = new int[66];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(-1, 2);
    }
    int[] bias = new int[outF];
    Requant[] rq = new Requant[outF];
    Arrays.fill(rq, IDENTITY);
    int[] scalar = Int8ConvKernel.fullyConnected(in, outF, wq, bias, rq, Clamp.FULL, ConvEngine.SCALAR).run(x);
    int[] vector = Int8ConvKernel.fullyConnected(in, outF, wq, bias, rq, Clamp.FULL, ConvEngine.VECTOR).run(x);
    int[] expected = new int[outF];
    for (int o = 0; o < outF; o++) {
      for (int i = 0; i < 66; i++) {
        expected[o] += x[i] * wq[o * 66 + i];
      }
    }
    assertArrayEquals(expected, scalar, "scalar engine");
    assertArrayEquals(expected, vector, "vector engine");
  }

  /** Full-range int8 values (x = -128, w = +-127 included): the 16-bit pair sums of VectorDot must not wrap. */
  @ParameterizedTest
  @CsvSource({"3, 3, 1, 5", "1, 1, 1, 7", "3, 3, 2, 64", "1, 1, 4, 96"})
  void extremeValuesAgreeWithExactSums(int kernel, int stride, int groups, int channels) {
    SplittableRandom r = new SplittableRandom(kernel * 31L + channels);
    Shape in = Shape.of(6, 5, channels);
    int outC = 2 * channels;
    int icg = channels / groups;
    Conv conv = new Conv(new FloatTensor(new int[] {outC, kernel, kernel, icg}, new float[outC * kernel * kernel * icg]),
        Optional.empty(), stride, stride, Padding.uniform(kernel / 2), groups, Activation.NONE);
    Shape out = conv.outputShape("t", java.util.List.of(in));
    byte[] wq = new byte[outC * kernel * kernel * icg];
    for (int i = 0; i < wq.length; i++) {
      wq[i] = (byte) (r.nextBoolean() ? (r.nextBoolean() ? 127 : -127) : r.nextInt(-127, 128));
    }
    int[] x = new int[(int) in.elements()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextBoolean() ? (r.nextBoolean() ? -128 : 127) : r.nextInt(-128, 128);
    }
    int[] bias = new int[outC];
    Requant[] rq = new Requant[outC];
    Arrays.fill(rq, Requant.of(1.0 / (icg * kernel * kernel * 128)));
    int[] vector = new Int8ConvKernel(conv, in, out, wq, bias, rq, Clamp.FULL, ConvEngine.VECTOR).run(x);
    int k = kernel * kernel * icg;
    int ocg = outC / groups;
    for (int oy = 0; oy < out.h(); oy++) {
      for (int ox = 0; ox < out.w(); ox++) {
        for (int o = 0; o < outC; o++) {
          long acc = 0;
          for (int ky = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++) {
              int iy = oy * stride - kernel / 2 + ky;
              int ix = ox * stride - kernel / 2 + kx;
              if (iy >= 0 && iy < in.h() && ix >= 0 && ix < in.w()) {
                for (int i = 0; i < icg; i++) {
                  acc += (long) x[(iy * in.w() + ix) * channels + (o / ocg) * icg + i]
                      * wq[((o * kernel + ky) * kernel + kx) * icg + i];
                }
              }
            }
          }
          assertEquals(rq[o].apply(acc, -128, 127), vector[out.index(oy, ox, o)], "output " + oy + "," + ox + "," + o
              + " of k=" + k);
        }
      }
    }
  }

  @Test
  void theTestJvmHasTheVectorModule() {
    // Surefire adds --add-modules jdk.incubator.vector; without it the VECTOR checks above would not run.
    assertTrue(ConvEngine.vectorAvailable());
    assertEquals(ConvEngine.VECTOR, ConvEngine.AUTO.resolve());
  }
}
