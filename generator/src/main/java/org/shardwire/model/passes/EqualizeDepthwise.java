package org.shardwire.model.passes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shardwire.model.Activation;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.Node;

/**
 * Cross-layer equalization (Nagel et al., "Data-Free Quantization Through Weight Equalization and
 * Bias Correction", 2019) of a depthwise conv and the ungrouped conv that reads it. Per-tensor int8
 * activations suffer when one channel of a depthwise output is far larger than the rest (BlazeFace
 * has a channel 40x larger than its neighbours); scaling channel c of the depthwise conv by 1/s[c]
 * and the reader's input channel c by s[c] leaves the float function unchanged (positive scales
 * commute with the linear ops and with ReLU) and balances the weight ranges:
 * s[c] = sqrt(r1[c] / r2[c]), r1 = max |depthwise weights of c|, r2 = max |reader weights on c|.
 *
 * <p>Applies only where it is exact: the depthwise conv's activation is none or ReLU (not a
 * clamp with an upper bound), its output is read by exactly one node, a Conv with one group (any
 * kernel and padding: zero padding scales to zero), and is not a graph output.
 * Call it on a float graph before quantizing (after {@link GraphPass#optimize}, which folds the
 * BatchNorms that would otherwise sit in between).
 */
public final class EqualizeDepthwise implements GraphPass {
  @Override
  public Graph apply(Graph g) {
    List<Node> nodes = new ArrayList<>(g.nodes());
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i).name(), i);
    }
    for (int i = 0; i < nodes.size(); i++) {
      Node d = nodes.get(i);
      if (!(d.layer() instanceof Conv dw) || !dw.isDepthwise() || !exactThroughActivation(dw.activation())
          || g.outputs().contains(d.name())) {
        continue;
      }
      List<Node> readers = g.consumers(d.name());
      if (readers.size() != 1 || readers.get(0).inputs().size() != 1) {
        continue;
      }
      Node p = readers.get(0);
      int pi = index.get(p.name());
      if (!(nodes.get(pi).layer() instanceof Conv pw) || pw.groups() != 1) {
        continue;
      }
      Conv dwNow = (Conv) nodes.get(i).layer();
      Conv[] pair = equalize(dwNow, pw);
      nodes.set(i, nodes.get(i).withLayer(pair[0]));
      nodes.set(pi, nodes.get(pi).withLayer(pair[1]));
    }
    return g.withNodes(nodes);
  }

  private static boolean exactThroughActivation(Activation a) {
    return a.isNone() || a.equals(Activation.RELU);
  }

  static Conv[] equalize(Conv dw, Conv pw) {
    int c = dw.outChannels();
    float[] wd = dw.weights().data();
    int perChannel = wd.length / c;
    float[] wp = pw.weights().data();
    int inP = pw.inChannelsPerGroup();
    float[] r2 = new float[c];
    for (int i = 0; i < wp.length; i++) {
      int ch = i % inP;
      r2[ch] = Math.max(r2[ch], Math.abs(wp[i]));
    }
    double[] s = new double[c];
    for (int ch = 0; ch < c; ch++) {
      float r1 = 0;
      for (int k = 0; k < perChannel; k++) {
        r1 = Math.max(r1, Math.abs(wd[ch * perChannel + k]));
      }
      s[ch] = r1 > 0 && r2[ch] > 0 ? Math.sqrt((double) r1 / r2[ch]) : 1.0;
    }
    for (int ch = 0; ch < c; ch++) {
      for (int k = 0; k < perChannel; k++) {
        wd[ch * perChannel + k] = (float) (wd[ch * perChannel + k] / s[ch]);
      }
    }
    Optional<FloatTensor> bias = dw.bias().map(b -> {
      float[] v = b.data();
      for (int ch = 0; ch < c; ch++) {
        v[ch] = (float) (v[ch] / s[ch]);
      }
      return FloatTensor.vector(v);
    });
    for (int i = 0; i < wp.length; i++) {
      wp[i] = (float) (wp[i] * s[i % inP]);
    }
    return new Conv[] {
        dw.withWeights(new FloatTensor(dw.weights().dims(), wd), bias),
        pw.withWeights(new FloatTensor(pw.weights().dims(), wp), pw.bias())};
  }
}
