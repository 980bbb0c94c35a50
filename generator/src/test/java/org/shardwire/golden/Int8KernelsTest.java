package org.shardwire.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shardwire.quant.Clamp;
import org.shardwire.quant.QAdd;
import org.shardwire.quant.Requant;

class Int8KernelsTest {
  /** Every pair of int8 inputs, for several scale pairs and clamps, on both add paths, against QAdd.apply. */
  @Test
  void residualAddIsExactForEveryInputPair() {
    int[] a = new int[256 * 256];
    int[] b = new int[256 * 256];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i >> 8) - 128;
      b[i] = (i & 255) - 128;
    }
    SplittableRandom r = new SplittableRandom(5);
    Clamp[] clamps = {Clamp.FULL, new Clamp(0, 127), new Clamp(0, 60), new Clamp(-20, 33)};
    for (int t = 0; t < 12; t++) {
      double unit = 256;
      QAdd q = new QAdd(Requant.of(unit * Math.exp(r.nextDouble(-3, 3))), Requant.of(unit * Math.exp(r.nextDouble(-3, 3))),
          clamps[t % clamps.length]);
      int[] scalar = Int8Kernels.add(q, a, b, false);
      int[] vector = Int8Kernels.add(q, a, b, true);
      for (int i = 0; i < a.length; i++) {
        int expected = q.apply(a[i], b[i]);
        assertEquals(expected, scalar[i], "scalar add " + q + " at " + a[i] + ", " + b[i]);
        assertEquals(expected, vector[i], "vector add " + q + " at " + a[i] + ", " + b[i]);
      }
    }
  }
}
