package org.shardwire.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.model.Activation;
import org.shardwire.model.AvgPool;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Clip;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.Flatten;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Node;
import org.shardwire.model.Padding;
import org.shardwire.model.Relu;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.model.zoo.WeightInit;
import org.shardwire.quant.Calibration;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QAdd;
import org.shardwire.quant.QAvgPool;
import org.shardwire.quant.QClamp;
import org.shardwire.quant.QConcat;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QFullyConnected;
import org.shardwire.quant.QGlobalAvgPool;
import org.shardwire.quant.QLayer;
import org.shardwire.quant.QuantizedGraph;

/**
 * The fast golden kernels (im2col, blocking, parallel rows, depthwise path) against a slow,
 * obviously-correct transcription of docs/numerics.md, node by node, bit for bit.
 */
class Int8ReferenceTest {

  @ParameterizedTest
  @ValueSource(strings = {"resnet8-cifar", "shufflenet-tiny"})
  void zooNetsMatchTheWrittenRules(String model) {
    Graph g = ModelZoo.build(model);
    QuantizedGraph q = Quantization.quantize(g, 1);
    assertEveryNodeMatches(q, 21);
  }

  /** Grouped 1x1 convs with 3 groups, the ungrouped first unit, depthwise stride 2, inside shuffle. */
  @Test
  void iShuffleNetG3AtSixtyFourPixelsMatchesTheWrittenRules() {
    Graph g = ModelZoo.build("i-shufflenet-g3-d3", org.shardwire.model.Shape.of(64, 64, 3), 1);
    assertEveryNodeMatches(Quantization.quantize(g, 1), 24);
  }

  @Test
  void oddShapesMatchTheWrittenRules() {
    WeightInit init = new WeightInit(9);
    GraphBuilder b = new GraphBuilder("odd");
    b.input("x", Shape.of(9, 7, 6));
    // grouped 3x3, 3 groups of 2 -> 15 outputs (5 per group, odd), asymmetric padding, stride 2x1
    b.add("gconv", new Conv(init.conv("gconv", 15, 3, 3, 2), Optional.of(init.bias("gconv", 15, 0.2f)), 2, 1,
        new Padding(1, 0, 2, 1), 3, Activation.NONE), "x");
    b.add("clip", new Clip(-0.5f, 0.75f), "gconv");                                   // standalone clamp
    b.add("dw", new Conv(init.conv("dw", 15, 3, 2, 1), Optional.empty(), 1, 2, new Padding(1, 1, 1, 0), 15,
        Activation.RELU6), "clip");
    b.add("pool", new AvgPool(3, 3, 1, 1, Padding.uniform(1), false), "dw");
    b.add("mpool", new MaxPool(2, 3, 1, 1, new Padding(1, 2, 0, 0)), "dw");
    b.add("shuffle", new ChannelShuffle(3), "pool");
    b.add("inside", new InsideShuffle(3, 3), "mpool");
    b.add("cat", new Concat(), "shuffle", "inside", "dw");
    b.add("pw", new Conv(init.conv("pw", 6, 1, 1, 45), Optional.of(init.bias("pw", 6, 0.1f)), 1, 1, Padding.NONE, 1,
        Activation.RELU), "cat");
    b.add("pw2", new Conv(init.conv("pw2", 6, 1, 1, 45), Optional.empty(), 1, 1, Padding.NONE, 1,
        Activation.NONE), "cat");
    b.add("sum", new org.shardwire.model.Add(Activation.clip(-1f, 1f)), "pw", "pw2");
    b.add("relu", new Relu(), "sum");
    b.add("flat", new Flatten(), "relu");
    b.add("fc", new FullyConnected(init.fullyConnected("fc", 5, 5 * 3 * 6), Optional.of(init.bias("fc", 5, 0.1f)),
        Activation.NONE), "flat");
    Graph g = b.output("fc").build();
    QuantizedGraph q = Quantization.quantize(g, 2);
    assertEveryNodeMatches(q, 22);
    // FC straight on a 5x4x6 map (no Flatten) reads the same NHWC order.
    GraphBuilder b2 = new GraphBuilder("fc-direct");
    b2.input("x", Shape.of(5, 4, 6));
    b2.add("fc", new FullyConnected(init.fullyConnected("fc", 5, 120), Optional.empty(), Activation.NONE), "x");
    assertEveryNodeMatches(Quantization.quantize(b2.output("fc").build(), 3), 23);
  }

  @Test
  void goldenIsDeterministic() {
    Graph g = ModelZoo.build("shufflenet-tiny");
    QuantizedGraph a = Quantization.quantize(g, 1);
    QuantizedGraph b = Quantization.quantize(g, 1);
    assertEquals(a, b);
    Int8Tensor x = a.quantizeInput(Calibration.seededInputs(g.inputShape(), 1, 5).get(0));
    Int8Inference run = new Int8Inference(a);
    assertEquals(run.run(x), run.run(x));
    assertEquals(run.trace(x).get("fc"), run.run(x));
  }

  static void assertEveryNodeMatches(QuantizedGraph q, long seed) {
    for (ConvEngine engine : new ConvEngine[] {ConvEngine.SCALAR, ConvEngine.VECTOR}) {
      assertEveryNodeMatches(q, seed, engine);
    }
  }

  static void assertEveryNodeMatches(QuantizedGraph q, long seed, ConvEngine engine) {
    Graph g = q.graph();
    Int8Tensor x = q.quantizeInput(Calibration.seededInputs(g.inputShape(), 1, seed).get(0));
    Map<String, Int8Tensor> trace = new Int8Inference(q, engine).trace(x);
    Map<String, Shape> shapes = g.shapes();
    int nonZero = 0;
    for (Node n : g.nodes()) {
      List<int[]> in = new ArrayList<>();
      List<Shape> inShapes = new ArrayList<>();
      for (String i : n.inputs()) {
        in.add(ints(trace.get(i)));
        inShapes.add(shapes.get(i));
      }
      int[] expected = reference(n.layer(), q.layer(n.name()), in, inShapes, shapes.get(n.name()));
      int[] actual = ints(trace.get(n.name()));
      assertArrayEquals(expected, actual, engine + " engine, node " + n.name() + " (" + n.layer().op() + ")");
      for (int v : actual) {
        nonZero += v != 0 ? 1 : 0;
      }
    }
    assertTrue(nonZero > 0, "the comparison is not between all-zero tensors");
  }

  static int[] ints(Int8Tensor t) {
    int[] v = new int[t.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = t.get(i);
    }
    return v;
  }

  static int at(int[] x, Shape s, int y, int xx, int c) {
    return (y < 0 || y >= s.h() || xx < 0 || xx >= s.w()) ? 0 : x[(y * s.w() + xx) * s.c() + c];
  }

  /** docs/numerics.md, transcribed without any optimisation. */
  static int[] reference(Layer l, QLayer ql, List<int[]> in, List<Shape> inShapes, Shape out) {
    int[] x = in.get(0);
    Shape s = inShapes.get(0);
    int[] y = new int[(int) out.elements()];
    if (ql instanceof QConv qc) {
      Conv c = qc.layer();
      for (int oy = 0; oy < out.h(); oy++) {
        for (int ox = 0; ox < out.w(); ox++) {
          for (int o = 0; o < out.c(); o++) {
            int g = o / c.outChannelsPerGroup();
            long acc = qc.bias().get(o);
            for (int ky = 0; ky < c.kernelH(); ky++) {
              for (int kx = 0; kx < c.kernelW(); kx++) {
                for (int i = 0; i < c.inChannelsPerGroup(); i++) {
                  int xv = at(x, s, oy * c.strideH() - c.padding().top() + ky, ox * c.strideW() - c.padding().left() + kx,
                      g * c.inChannelsPerGroup() + i);
                  int wv = qc.weights().get(((o * c.kernelH() + ky) * c.kernelW() + kx) * c.inChannelsPerGroup() + i);
                  acc += (long) xv * wv;
                }
              }
            }
            assertTrue(Math.abs(acc) < (1L << 31), "accumulator fits int32");
            y[out.index(oy, ox, o)] = qc.requant().get(o).apply(acc, qc.clamp().min(), qc.clamp().max());
          }
        }
      }
      return y;
    }
    if (ql instanceof QFullyConnected qf) {
      int n = x.length;
      for (int o = 0; o < out.c(); o++) {
        long acc = qf.bias().get(o);
        for (int i = 0; i < n; i++) {
          acc += (long) x[i] * qf.weights().get(o * n + i);
        }
        y[o] = qf.requant().get(o).apply(acc, qf.clamp().min(), qf.clamp().max());
      }
      return y;
    }
    if (ql instanceof QAdd qa) {
      for (int i = 0; i < y.length; i++) {
        long t = qa.a().apply(x[i]) + qa.b().apply(in.get(1)[i]);
        y[i] = qa.clamp().apply((int) ((t + 128) >> 8));
      }
      return y;
    }
    if (ql instanceof QConcat qc) {
      int off = 0;
      for (int k = 0; k < in.size(); k++) {
        Shape sk = inShapes.get(k);
        for (int p = 0; p < out.h() * out.w(); p++) {
          for (int c = 0; c < sk.c(); c++) {
            y[p * out.c() + off + c] = qc.inputs().get(k).apply(in.get(k)[p * sk.c() + c], -128, 127);
          }
        }
        off += sk.c();
      }
      return y;
    }
    if (ql instanceof QAvgPool qp) {
      AvgPool p = qp.layer();
      for (int oy = 0; oy < out.h(); oy++) {
        for (int ox = 0; ox < out.w(); ox++) {
          int y0 = oy * p.strideH() - p.padding().top();
          int x0 = ox * p.strideW() - p.padding().left();
          int real = 0;
          for (int ky = 0; ky < p.kernelH(); ky++) {
            for (int kx = 0; kx < p.kernelW(); kx++) {
              boolean inside = y0 + ky >= 0 && y0 + ky < s.h() && x0 + kx >= 0 && x0 + kx < s.w();
              real += inside ? 1 : 0;
            }
          }
          int n = p.countIncludePad() ? p.kernelH() * p.kernelW() : real;
          for (int c = 0; c < out.c(); c++) {
            long sum = 0;
            for (int ky = 0; ky < p.kernelH(); ky++) {
              for (int kx = 0; kx < p.kernelW(); kx++) {
                sum += at(x, s, y0 + ky, x0 + kx, c);
              }
            }
            y[out.index(oy, ox, c)] = qp.forDivisor(n).apply(sum, -128, 127);
          }
        }
      }
      return y;
    }
    if (ql instanceof QGlobalAvgPool qg) {
      for (int c = 0; c < s.c(); c++) {
        long sum = 0;
        for (int p = 0; p < s.h() * s.w(); p++) {
          sum += x[p * s.c() + c];
        }
        y[c] = qg.requant().apply(sum, -128, 127);
      }
      return y;
    }
    if (ql instanceof QClamp qc) {
      for (int i = 0; i < y.length; i++) {
        y[i] = Math.max(qc.clamp().min(), Math.min(qc.clamp().max(), x[i]));
      }
      return y;
    }
    if (l instanceof MaxPool p) {
      for (int oy = 0; oy < out.h(); oy++) {
        for (int ox = 0; ox < out.w(); ox++) {
          for (int c = 0; c < out.c(); c++) {
            int m = -129;
            for (int ky = 0; ky < p.kernelH(); ky++) {
              for (int kx = 0; kx < p.kernelW(); kx++) {
                int iy = oy * p.strideH() - p.padding().top() + ky;
                int ix = ox * p.strideW() - p.padding().left() + kx;
                if (iy >= 0 && iy < s.h() && ix >= 0 && ix < s.w()) {
                  m = Math.max(m, x[(iy * s.w() + ix) * s.c() + c]);
                }
              }
            }
            y[out.index(oy, ox, c)] = m;
          }
        }
      }
      return y;
    }
    if (l instanceof ChannelShuffle || l instanceof InsideShuffle) {
      // Written from the definitions: shuffle = reshape [g, C/g] -> transpose; inside = the same per device slice.
      int c = s.c();
      int devices = l instanceof InsideShuffle is ? is.devices() : 1;
      int groups = l instanceof InsideShuffle is ? is.groupsPerDevice() : ((ChannelShuffle) l).groups();
      int slice = c / devices;
      for (int p = 0; p < s.h() * s.w(); p++) {
        for (int d = 0; d < devices; d++) {
          for (int gi = 0; gi < groups; gi++) {
            for (int j = 0; j < slice / groups; j++) {
              y[p * c + d * slice + j * groups + gi] = x[p * c + d * slice + gi * (slice / groups) + j];
            }
          }
        }
      }
      return y;
    }
    if (l instanceof Flatten) {
      return x.clone();
    }
    throw new AssertionError("no reference for " + l.op());
  }
}
