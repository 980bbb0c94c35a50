package org.shardwire.model.passes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shardwire.model.Activation;
import org.shardwire.model.BatchNorm;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.Node;
import org.shardwire.model.Padding;

/**
 * Removes every BatchNorm. A BatchNorm whose input is a Conv without activation, read by nothing
 * else and not a graph output, is folded into that conv:
 * w'[o] = w[o] * s[o], b'[o] = b[o] * s[o] + (beta[o] - mean[o] * s[o]) with
 * s[o] = gamma[o] / sqrt(var[o] + eps), computed in double. Any other BatchNorm becomes a 1x1
 * depthwise Conv with the same per-channel scale and bias, so later stages never see BatchNorm.
 */
public final class FoldBatchNorm implements GraphPass {
  @Override
  public Graph apply(Graph g) {
    List<Node> out = new ArrayList<>();
    Map<String, Integer> position = new HashMap<>();
    for (Node n : g.nodes()) {
      if (n.layer() instanceof BatchNorm bn) {
        String src = n.inputs().get(0);
        Integer p = position.get(src);
        if (p != null && out.get(p).layer() instanceof Conv conv && conv.activation().isNone()
            && g.consumers(src).size() == 1 && !g.outputs().contains(src)) {
          out.set(p, new Node(n.name(), fold(conv, bn), out.get(p).inputs()));
          position.remove(src);
          position.put(n.name(), p);
          continue;
        }
        position.put(n.name(), out.size());
        out.add(n.withLayer(asDepthwise(bn)));
        continue;
      }
      position.put(n.name(), out.size());
      out.add(n);
    }
    return g.withNodes(out);
  }

  static Conv fold(Conv conv, BatchNorm bn) {
    float[] w = conv.weights().data();
    int outC = conv.outChannels();
    int perOut = w.length / outC;
    float[] bias = new float[outC];
    float[] oldBias = conv.bias().map(FloatTensor::data).orElse(new float[outC]);
    for (int o = 0; o < outC; o++) {
      double s = bn.scale(o);
      for (int i = o * perOut; i < (o + 1) * perOut; i++) {
        w[i] = (float) (w[i] * s);
      }
      bias[o] = (float) (oldBias[o] * s + bn.shift(o));
    }
    return conv.withWeights(new FloatTensor(conv.weights().dims(), w), Optional.of(FloatTensor.vector(bias)));
  }

  static Conv asDepthwise(BatchNorm bn) {
    int c = bn.channels();
    float[] w = new float[c];
    float[] b = new float[c];
    for (int i = 0; i < c; i++) {
      w[i] = (float) bn.scale(i);
      b[i] = (float) bn.shift(i);
    }
    return new Conv(FloatTensor.of(w, c, 1, 1, 1), Optional.of(FloatTensor.vector(b)), 1, 1, Padding.NONE, c,
        Activation.NONE);
  }
}
