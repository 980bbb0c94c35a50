package org.shardwire.plan;

import java.util.List;
import org.shardwire.model.Shape;

/**
 * What the planner knows about one node: its engine family, stream shapes and window geometry (for
 * the legal foldings), and {@code engine}, which builds the node's engine config at a folding: the
 * config, not this record, owns the engine's cycles, memories, multipliers and logic. A fully
 * connected layer is a conv engine whose kernel is the whole input (kernel = input H x W, output
 * 1 x 1). {@code skipFifoBytes} is the int8 elements of the branch FIFOs in front of the engine's
 * inputs ({@link BranchFifos}), 0 for an engine no fork feeds through a FIFO.
 */
public record EngineSpec(String node, String op, EngineKind kind, List<Shape> inputs, Shape output, int kernelH,
                         int kernelW, int padTop, int groups, long macs, long skipFifoBytes,
                         EngineConfigs.Factory engine) {
  public EngineSpec {
    inputs = List.copyOf(inputs);
    java.util.Objects.requireNonNull(engine, "engine");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("engine " + node + " needs an input stream");
    }
    if (kernelH < 1 || kernelW < 1 || padTop < 0 || groups < 1 || macs < 0 || skipFifoBytes < 0) {
      throw new IllegalArgumentException("engine " + node + ": bad geometry k" + kernelH + "x" + kernelW + " pad "
          + padTop + " groups " + groups);
    }
  }

  public Shape input() {
    return inputs.get(0);
  }

  public int inChannels() {
    return input().c();
  }

  public int outChannels() {
    return output.c();
  }
}
