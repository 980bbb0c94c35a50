package org.shardwire.model.passes;

import java.util.function.UnaryOperator;
import org.shardwire.model.Graph;

/**
 * A graph transformation: a pure function from a graph to a new graph. Passes keep tensor names:
 * when nodes merge, the merged node takes the name of the tensor it now produces (the last one),
 * so consumers, graph outputs and traces line up before and after a pass.
 */
public interface GraphPass extends UnaryOperator<Graph> {
  /** The standard pipeline before quantization: fold BatchNorm, then fuse ReLU/Clip. */
  static Graph optimize(Graph g) {
    return new FuseActivations().apply(new FoldBatchNorm().apply(g));
  }
}
