package org.shardwire.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Numeric comparisons shared by the ONNX cross-checks. */
final class Compare {
  private Compare() {}

  /**
   * Every element within {@code rel} of the reference, relative to the reference's largest
   * magnitude (elements near zero make a per-element ratio meaningless).
   */
  static void assertClose(String what, float[] expected, float[] actual, double rel) {
    assertEquals(expected.length, actual.length, what + ": element count");
    double scale = 0;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    double tol = rel * Math.max(scale, 1e-30);
    int worst = -1;
    double worstDiff = 0;
    for (int i = 0; i < expected.length; i++) {
      double d = Math.abs((double) expected[i] - actual[i]);
      if (!(d <= tol) && (worst < 0 || d > worstDiff || Double.isNaN(d))) {
        worst = i;
        worstDiff = d;
      }
    }
    if (worst >= 0) {
      fail(what + ": element " + worst + " is " + actual[worst] + ", expected " + expected[worst] + " (difference "
          + worstDiff + " > " + tol + " = " + rel + " x max |expected| " + scale + ")");
    }
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  static double maxRelDiff(float[] expected, float[] actual) {
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      diff = Math.max(diff, Math.abs((double) expected[i] - actual[i]));
    }
    return diff / scale;
  }
}
