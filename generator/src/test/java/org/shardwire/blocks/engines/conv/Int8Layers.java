package org.shardwire.blocks.engines.conv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.shardwire.golden.Int8Inference;
import org.shardwire.model.Activation;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.Layer;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.golden.Quantization;
import org.shardwire.quant.Calibration;
import org.shardwire.quant.Clamp;
import org.shardwire.quant.Int32Vector;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QFullyConnected;
import org.shardwire.quant.QLayer;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.quant.Requant;

/**
 * int8 layers for the engine tests and their golden outputs from {@link Int8Inference}: random
 * one-layer graphs with random integer parameters (extremes included), and real layers of zoo
 * networks with their traced input and output tensors.
 */
final class Int8Layers {
  private Int8Layers() {}

  /** A one-layer int8 graph: its node's parameters and the golden model that runs it. */
  record OneLayer(QuantizedGraph graph, QLayer layer, Shape input) {
    List<Int8Tensor> run(List<Int8Tensor> frames) {
      Int8Inference golden = new Int8Inference(graph);
      List<Int8Tensor> out = new ArrayList<>();
      for (Int8Tensor f : frames) {
        out.add(golden.run(f));
      }
      return out;
    }
  }

  static OneLayer randomConv(Shape input, int outChannels, int kh, int kw, int sh, int sw, Padding pad, int groups,
                             Random rnd) {
    int icg = input.c() / groups;
    Conv layer = new Conv(new FloatTensor(new int[] {outChannels, kh, kw, icg}, new float[outChannels * kh * kw * icg]),
        Optional.empty(), sh, sw, pad, groups, Activation.NONE);
    int k = kh * kw * icg;
    QConv q = new QConv(layer, new Int8Tensor(new int[] {outChannels, kh, kw, icg}, randomWeights(outChannels * k, rnd)),
        new Int32Vector(randomBias(outChannels, k, rnd)), randomRequant(outChannels, k, rnd), randomClamp(rnd));
    return oneLayer(input, layer, q);
  }

  static OneLayer randomFullyConnected(Shape input, int outFeatures, Random rnd) {
    int k = (int) input.elements();
    FullyConnected layer = new FullyConnected(new FloatTensor(new int[] {outFeatures, k}, new float[outFeatures * k]),
        Optional.empty(), Activation.NONE);
    QFullyConnected q = new QFullyConnected(layer, new Int8Tensor(new int[] {outFeatures, k},
        randomWeights(outFeatures * k, rnd)), new Int32Vector(randomBias(outFeatures, k, rnd)),
        randomRequant(outFeatures, k, rnd), randomClamp(rnd));
    return oneLayer(input, layer, q);
  }

  private static OneLayer oneLayer(Shape input, Layer layer, QLayer q) {
    GraphBuilder b = new GraphBuilder("one-layer");
    b.input("x", input);
    b.add("layer", layer, "x");
    Graph g = b.output("layer").build();
    Map<String, Double> scales = new LinkedHashMap<>();
    scales.put("x", 1.0);
    scales.put("layer", 1.0);
    return new OneLayer(new QuantizedGraph(g, scales, Map.of("layer", q)), q, input);
  }

  /** Weights in [-127, 127] (the quantizer never uses -128), one in ten at an extreme. */
  static byte[] randomWeights(int n, Random rnd) {
    byte[] w = new byte[n];
    for (int i = 0; i < n; i++) {
      int pick = rnd.nextInt(10);
      w[i] = (byte) (pick == 0 ? -127 : pick == 1 ? 127 : rnd.nextInt(255) - 127);
    }
    return w;
  }

  /** Biases of the accumulator's scale; channel 1 at the quantizer's limit so the sum just fits int32. */
  static int[] randomBias(int n, int k, Random rnd) {
    long limit = Integer.MAX_VALUE - (long) k * 128 * 127;
    int[] b = new int[n];
    for (int o = 0; o < n; o++) {
      b[o] = (int) Math.max(-limit, Math.min(limit, (long) (rnd.nextGaussian() * 3000 * Math.sqrt(k))));
    }
    if (n > 1) {
      b[1] = (int) (rnd.nextBoolean() ? limit : -limit);
    }
    return b;
  }

  /**
   * Multipliers that map a typical sum (about 5400 * sqrt(k)) to tens of int8 steps, so outputs
   * spread over the range; channel 0 uses the largest shift and multiplier, channel 2 the smallest
   * shift (saturates), when there are that many channels.
   */
  static List<Requant> randomRequant(int n, int k, Random rnd) {
    List<Requant> r = new ArrayList<>();
    for (int o = 0; o < n; o++) {
      double m = (0.3 + 3 * rnd.nextDouble()) * 40 / (5400 * Math.sqrt(k));
      r.add(Requant.of(m));
    }
    if (n > 0) {
      r.set(0, new Requant(Integer.MAX_VALUE, Requant.MAX_SHIFT));
    }
    if (n > 2) {
      r.set(2, new Requant(1 << 30, 1));
    }
    return r;
  }

  static Clamp randomClamp(Random rnd) {
    switch (rnd.nextInt(4)) {
      case 0:
        return Clamp.FULL;
      case 1:
        return new Clamp(0, 127);
      case 2:
        return new Clamp(0, 40);
      default:
        return new Clamp(-50, 60);
    }
  }

  /** A zoo network's int8 layer with its input and output tensors traced over {@code frames} images. */
  record ZooLayer(QLayer layer, Shape input, List<Int8Tensor> inputs, List<Int8Tensor> outputs) {}

  static ZooLayer zoo(String model, String node, int frames) {
    Graph g = ModelZoo.build(model);
    QuantizedGraph q = Quantization.quantize(g, 1);
    Int8Inference golden = new Int8Inference(q);
    String in = q.graph().node(node).inputs().get(0);
    List<Int8Tensor> ins = new ArrayList<>();
    List<Int8Tensor> outs = new ArrayList<>();
    for (var x : Calibration.seededInputs(g.inputShape(), frames, 77)) {
      Map<String, Int8Tensor> trace = golden.trace(q.quantizeInput(x));
      ins.add(trace.get(in));
      outs.add(trace.get(node));
    }
    return new ZooLayer(q.layer(node), q.graph().shape(in), ins, outs);
  }
}
