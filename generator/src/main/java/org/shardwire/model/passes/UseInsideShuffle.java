package org.shardwire.model.passes;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphException;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Node;

/**
 * Replaces every ChannelShuffle(g) by InsideShuffle(g, devices), turning ShuffleNet into
 * I-ShuffleNet for a cluster of {@code devices} boards (Algorithm 1 of the ShuffleNet model-parallelism paper).
 */
public record UseInsideShuffle(int devices) implements GraphPass {
  public UseInsideShuffle {
    if (devices < 1) {
      throw new IllegalArgumentException("device count must be >= 1, got " + devices);
    }
  }

  @Override
  public Graph apply(Graph g) {
    List<Node> out = new ArrayList<>();
    for (Node n : g.nodes()) {
      if (n.layer() instanceof ChannelShuffle cs) {
        if (cs.groups() % devices != 0) {
          throw GraphException.at(n.name(), cs, cs.groups() + " groups cannot be shared evenly by " + devices
              + " devices (the device count must divide the group count)");
        }
        out.add(n.withLayer(new InsideShuffle(cs.groups(), devices)));
      } else {
        out.add(n);
      }
    }
    return g.withNodes(out);
  }
}
