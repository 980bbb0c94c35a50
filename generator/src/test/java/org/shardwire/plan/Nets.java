package org.shardwire.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.shardwire.boards.Board;
import org.shardwire.boards.LinkPort;
import org.shardwire.boards.MemoryKind;
import org.shardwire.golden.Quantization;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.Activation;
import org.shardwire.model.Add;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;

/** Small graphs and boards for the planner tests (weights are zeros: only shapes matter here). */
final class Nets {
  private Nets() {}

  static Conv conv(int in, int out, int k, int stride, int pad, int groups) {
    return new Conv(zeros(out, k, k, in / groups), Optional.empty(), stride, stride, Padding.uniform(pad), groups,
        Activation.NONE);
  }

  static FullyConnected fc(int in, int out) {
    return new FullyConnected(zeros(out, in), Optional.empty(), Activation.NONE);
  }

  static FloatTensor zeros(int... dims) {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    return FloatTensor.of(new float[n], dims);
  }

  /** One engine spec of a one-node graph reading {@code input}. */
  static EngineSpec single(Shape input, org.shardwire.model.Layer layer) {
    GraphBuilder b = new GraphBuilder("one");
    b.input("x", input);
    b.add("n", layer, "x");
    b.output("n");
    return specs(b.build()).get(0);
  }

  /** The engine specs of a small graph, quantized with seeded calibration (the engine configs need the constants). */
  static List<EngineSpec> specs(Graph g) {
    return EngineSpecs.of(Quantization.quantize(g, 1));
  }

  /**
   * A random chain of conv "units" on a small image: plain convs and residual blocks (so some
   * positions cannot be cut), ending in a global pool and a classifier.
   */
  static Graph randomChain(long seed, int units) {
    Random r = new Random(seed);
    GraphBuilder b = new GraphBuilder("chain" + seed);
    int h = 8 + 8 * r.nextInt(2);
    int c = 4;
    String t = b.input("image", Shape.of(h, h, 4));
    for (int u = 0; u < units; u++) {
      int out = List.of(4, 8, 16).get(r.nextInt(3));
      int k = r.nextBoolean() ? 1 : 3;
      if (r.nextInt(3) == 0 && out == c) {
        String a = b.add("u" + u + ".a", conv(c, c, 3, 1, 1, 1), t);
        String bb = b.add("u" + u + ".b", conv(c, c, k, 1, (k - 1) / 2, 1), a);
        t = b.add("u" + u + ".add", new Add(Activation.RELU), t, bb);
      } else {
        int stride = h > 4 && r.nextInt(4) == 0 ? 2 : 1;
        t = b.add("u" + u + ".conv", conv(c, out, k, stride, (k - 1) / 2, 1), t);
        h = (h + 2 * ((k - 1) / 2) - k) / stride + 1;
        c = out;
      }
    }
    t = b.add("pool", new GlobalAvgPool(), t);
    t = b.add("fc", fc(c, 10), t);
    return b.output(t).build();
  }

  /** A made-up Xilinx board with the given budget (for tight-budget tests). */
  static Board xilinx(String id, int multipliers, int ramb36, int uram, int luts) {
    return new Board(id, id, Vendor.XILINX, "test", "DSP48E2", multipliers,
        Map.of(MemoryKind.RAMB36, ramb36, MemoryKind.URAM288, uram), "LUT", luts,
        new LinkPort("GTH", 4, 2, 10.3125, "64b/66b", 156.25), 200);
  }

  static Board intel(String id, int multipliers, int m20k, int alms) {
    return new Board(id, id, Vendor.INTEL, "test", "18x19", multipliers, Map.of(MemoryKind.M20K, m20k), "ALM", alms,
        new LinkPort("transceiver", 8, 4, 10.3125, "64b/66b", 644.53125), 200);
  }

  static List<Board> repeat(Board b, int n) {
    List<Board> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(b);
    }
    return l;
  }
}
