package org.shardwire.quant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.model.Add;
import org.shardwire.model.AvgPool;
import org.shardwire.model.BatchNorm;
import org.shardwire.model.ChannelRange;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Clip;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.Flatten;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphException;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Node;
import org.shardwire.model.Relu;
import org.shardwire.model.Shape;

/**
 * Turns a float graph (BatchNorm already folded, activations fused: see
 * {@code GraphPass.optimize}) and its tensor scales into a {@link QuantizedGraph}, computing
 * every integer constant exactly as docs/numerics.md states.
 */
public final class Quantizer {
  private Quantizer() {}

  public static QuantizedGraph quantize(Graph g, Map<String, Double> scales) {
    Map<String, Shape> shapes = g.shapes();
    Map<String, QLayer> layers = new LinkedHashMap<>();
    for (Node n : g.nodes()) {
      try {
        layers.put(n.name(), quantize(n, scales, shapes));
      } catch (IllegalArgumentException e) {
        if (e instanceof GraphException) {
          throw e;
        }
        throw GraphException.at(n.name(), n.layer(), e.getMessage());
      }
    }
    return new QuantizedGraph(g, scales, layers);
  }

  private static QLayer quantize(Node n, Map<String, Double> scales, Map<String, Shape> shapes) {
    Layer l = n.layer();
    double sy = scales.get(n.name());
    double sx = scales.get(n.inputs().get(0));
    if (l instanceof Conv c) {
      WeightsAndBias wb = weights(c.weights(), c.bias().map(FloatTensor::data).orElse(null), sx, sy);
      return new QConv(c, wb.weights, wb.bias, wb.requant, Clamp.of(c.activation(), sy));
    }
    if (l instanceof FullyConnected fc) {
      WeightsAndBias wb = weights(fc.weights(), fc.bias().map(FloatTensor::data).orElse(null), sx, sy);
      return new QFullyConnected(fc, wb.weights, wb.bias, wb.requant, Clamp.of(fc.activation(), sy));
    }
    if (l instanceof Add a) {
      double sb = scales.get(n.inputs().get(1));
      double unit = Math.scalb(1.0, QAdd.FRACTION_BITS);
      return new QAdd(Requant.of(unit * sx / sy), Requant.of(unit * sb / sy), Clamp.of(a.activation(), sy));
    }
    if (l instanceof Concat) {
      List<Requant> rs = new ArrayList<>();
      for (String in : n.inputs()) {
        rs.add(Requant.of(scales.get(in) / sy));
      }
      return new QConcat(rs);
    }
    if (l instanceof AvgPool p) {
      List<Requant> rs = new ArrayList<>();
      for (int d = 1; d <= p.kernelH() * p.kernelW(); d++) {
        rs.add(Requant.of(sx / (sy * d)));
      }
      return new QAvgPool(p, rs);
    }
    if (l instanceof GlobalAvgPool) {
      Shape in = shapes.get(n.inputs().get(0));
      int pixels = in.h() * in.w();
      if ((long) pixels * 128 >= 1L << 31) {
        throw new IllegalArgumentException("global pool over " + pixels + " pixels could overflow int32");
      }
      return new QGlobalAvgPool(Requant.of(sx / (sy * pixels)));
    }
    if (l instanceof Relu r) {
      return new QClamp(Clamp.of(r.asActivation(), sx));
    }
    if (l instanceof Clip c) {
      return new QClamp(Clamp.of(c.asActivation(), sx));
    }
    if (l instanceof MaxPool || l instanceof ChannelShuffle || l instanceof InsideShuffle || l instanceof Flatten
        || l instanceof ChannelRange) {
      return new QMove();
    }
    if (l instanceof BatchNorm) {
      throw new IllegalArgumentException("BatchNorm must be folded before quantization (run GraphPass.optimize)");
    }
    throw new IllegalArgumentException("no int8 rule for " + l.op());
  }

  private record WeightsAndBias(Int8Tensor weights, Int32Vector bias, List<Requant> requant) {}

  /** Per-output-channel symmetric int8 weights, int32 bias and requantizers (rows of weights = outputs). */
  private static WeightsAndBias weights(FloatTensor w, float[] bias, double sx, double sy) {
    float[] wf = w.data();
    int out = w.dim(0);
    int k = wf.length / out;
    long maxProducts = (long) k * 128 * 127;
    if (maxProducts >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException(k + " products per output could overflow the int32 accumulator");
    }
    long biasLimit = Integer.MAX_VALUE - maxProducts;
    byte[] q = new byte[wf.length];
    int[] qb = new int[out];
    List<Requant> rs = new ArrayList<>(out);
    for (int o = 0; o < out; o++) {
      double maxAbs = 0;
      for (int i = o * k; i < (o + 1) * k; i++) {
        maxAbs = Math.max(maxAbs, Math.abs(wf[i]));
      }
      double sw = maxAbs > 0 ? maxAbs / 127.0 : 1.0;
      for (int i = o * k; i < (o + 1) * k; i++) {
        q[i] = (byte) Rounding.saturate(Rounding.halfAwayFromZero(wf[i] / sw), -127, 127);
      }
      double b = bias == null ? 0 : bias[o];
      qb[o] = (int) Rounding.saturate(Rounding.halfAwayFromZero(b / (sx * sw)), -biasLimit, biasLimit);
      rs.add(Requant.of(sx * sw / sy));
    }
    return new WeightsAndBias(new Int8Tensor(w.dims(), q), new Int32Vector(qb), rs);
  }
}
