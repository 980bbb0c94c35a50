package org.shardwire.blocks.engines.routing;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.MacFreeEngineConfig;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.model.Shape;

/**
 * A tensor read by several engines: every word of {@code s_axis} is delivered to each of
 * {@code m_axis_0 .. m_axis_<k-1>}. A branch that stalls stalls the fork (after taking at most
 * the current word); the branch FIFOs that prevent deadlock are the board assembly's
 * (docs/engines.md, "Fill latency and branch FIFOs").
 */
public record ForkConfig(Shape shape, int lanes, int branches) implements MacFreeEngineConfig {
  public static final int MAX_BRANCHES = 16;

  public ForkConfig {
    new TensorStream("s_axis", shape, lanes); // validates lanes against the channels
    if (branches < 2 || branches > MAX_BRANCHES) {
      throw new IllegalArgumentException("fork needs 2.." + MAX_BRANCHES + " branches, got " + branches);
    }
  }

  @Override
  public String moduleName() {
    return "fork_l" + lanes + "_k" + branches;
  }

  @Override
  public List<TensorStream> inputs() {
    return List.of(new TensorStream("s_axis", shape, lanes));
  }

  @Override
  public List<TensorStream> outputs() {
    List<TensorStream> outs = new ArrayList<>();
    for (int i = 0; i < branches; i++) {
      outs.add(new TensorStream("m_axis_" + i, shape, lanes));
    }
    return outs;
  }

  @Override
  public long cyclesPerFrame() {
    return shape.elements() / lanes;
  }

  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return List.of(1L);
  }

  @Override
  public Module newModule() {
    return new Fork(this);
  }
}
