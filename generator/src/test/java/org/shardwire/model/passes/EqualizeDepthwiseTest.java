package org.shardwire.model.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shardwire.golden.FloatInference;
import org.shardwire.model.Activation;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;

class EqualizeDepthwiseTest {
  private static FloatTensor random(long seed, float scale, int... dims) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
    }
    return new FloatTensor(dims, v);
  }

  /** A depthwise conv with one channel 50x larger than the rest, read by a 3x3 conv. */
  private static Graph net(Activation act) {
    float[] w = random(1, 1f, 8, 3, 3, 1).data();
    for (int k = 0; k < 9; k++) {
      w[5 * 9 + k] *= 50;
    }
    Conv dw = new Conv(FloatTensor.of(w, 8, 3, 3, 1), Optional.of(random(2, 1f, 8)), 1, 1, Padding.uniform(1), 8, act);
    Conv pw = new Conv(random(3, 0.1f, 4, 3, 3, 8), Optional.of(random(4, 1f, 4)), 1, 1, Padding.uniform(1), 1,
        Activation.NONE);
    GraphBuilder b = new GraphBuilder("eq");
    b.input("x", Shape.of(6, 6, 8));
    b.add("dw", dw, "x");
    b.add("pw", pw, "dw");
    return b.output("pw").build();
  }

  @Test
  void sameFunctionBalancedRanges() {
    for (Activation act : new Activation[] {Activation.NONE, Activation.RELU}) {
      Graph g = net(act);
      Graph e = new EqualizeDepthwise().apply(g);
      FloatTensor x = random(5, 1f, 6, 6, 8);
      float[] before = new FloatInference(g).run(x).data();
      float[] after = new FloatInference(e).run(x).data();
      double scale = 0;
      double diff = 0;
      for (int i = 0; i < before.length; i++) {
        scale = Math.max(scale, Math.abs(before[i]));
        diff = Math.max(diff, Math.abs(before[i] - after[i]));
      }
      assertTrue(diff <= 1e-5 * scale, "float function changed by " + diff + " (max " + scale + ")");
      float[] w = ((Conv) e.node("dw").layer()).weights().data();
      double big = 0;
      double small = 0;
      for (int k = 0; k < 9; k++) {
        big = Math.max(big, Math.abs(w[5 * 9 + k]));
        small = Math.max(small, Math.abs(w[k]));
      }
      assertTrue(big < 10 * small, "channel 5 range " + big + " should be balanced against " + small);
    }
  }

  @Test
  void leavesClampedDepthwiseAlone() {
    Graph g = net(Activation.RELU6);
    Graph e = new EqualizeDepthwise().apply(g);
    assertEquals(g.node("dw"), e.node("dw"), "ReLU6 does not commute with scaling: no change");
  }
}
