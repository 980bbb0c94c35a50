package org.shardwire.emit.board;

import java.util.List;
import org.shardwire.blocks.engines.EngineConfig;

/**
 * One engine of a board's network: the graph node it implements, its config, the tensors it
 * reads (in its input-port order) and the tensor it writes.
 */
public record EngineNode(String name, EngineConfig engine, List<String> inputs, String output) {
  public EngineNode {
    inputs = List.copyOf(inputs);
    if (inputs.size() != engine.inputs().size()) {
      throw new IllegalArgumentException("engine for " + name + " has " + engine.inputs().size()
          + " input ports but reads " + inputs.size() + " tensors");
    }
    if (engine.outputs().size() != 1) {
      throw new IllegalArgumentException("engine for " + name + " must have exactly one output stream");
    }
  }
}
