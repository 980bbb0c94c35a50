package org.shardwire.model.passes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.model.Activation;
import org.shardwire.model.Add;
import org.shardwire.model.Clip;
import org.shardwire.model.Conv;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.Graph;
import org.shardwire.model.Layer;
import org.shardwire.model.Node;
import org.shardwire.model.Relu;

/**
 * Fuses each Relu or Clip into the Conv, FullyConnected or Add that produces its input, when
 * that producer is read by nothing else and is not a graph output. The clamps combine (a Clip
 * after a fused ReLU narrows the range). Relu/Clip after anything else stays a standalone node.
 */
public final class FuseActivations implements GraphPass {
  @Override
  public Graph apply(Graph g) {
    List<Node> out = new ArrayList<>();
    Map<String, Integer> position = new HashMap<>();
    for (Node n : g.nodes()) {
      Activation act = activationOf(n.layer());
      if (act != null) {
        String src = n.inputs().get(0);
        Integer p = position.get(src);
        if (p != null && g.consumers(src).size() == 1 && !g.outputs().contains(src)) {
          Layer fused = withMoreActivation(out.get(p).layer(), act);
          if (fused != null) {
            out.set(p, new Node(n.name(), fused, out.get(p).inputs()));
            position.remove(src);
            position.put(n.name(), p);
            continue;
          }
        }
      }
      position.put(n.name(), out.size());
      out.add(n);
    }
    return g.withNodes(out);
  }

  private static Activation activationOf(Layer layer) {
    if (layer instanceof Relu r) {
      return r.asActivation();
    }
    if (layer instanceof Clip c) {
      return c.asActivation();
    }
    return null;
  }

  private static Layer withMoreActivation(Layer producer, Activation act) {
    if (producer instanceof Conv c) {
      return c.withActivation(c.activation().then(act));
    }
    if (producer instanceof FullyConnected fc) {
      return fc.withActivation(fc.activation().then(act));
    }
    if (producer instanceof Add a) {
      return a.withActivation(a.activation().then(act));
    }
    return null;
  }
}
