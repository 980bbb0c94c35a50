package org.shardwire.blocks.engines.elementwise;

import java.util.List;
import org.shardwire.blocks.engines.ClampBounds;
import org.shardwire.blocks.engines.MacFreeEngineConfig;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.model.Shape;

/**
 * A standalone ReLU or Clip that could not be fused (docs/numerics.md): {@code y = clamp(x, lo, hi)}
 * lane by lane, same scale, one word per cycle.
 */
public record ClampEngineConfig(Shape shape, int lanes, ClampBounds bounds) implements MacFreeEngineConfig {
  public ClampEngineConfig {
    new TensorStream("s_axis", shape, lanes); // validates lanes against the channels
    if (bounds == null) {
      throw new IllegalArgumentException("clamp engine needs clamp bounds");
    }
  }

  @Override
  public String moduleName() {
    return "clamp_l" + lanes + "_" + bounds.label();
  }

  @Override
  public List<TensorStream> inputs() {
    return List.of(new TensorStream("s_axis", shape, lanes));
  }

  @Override
  public List<TensorStream> outputs() {
    return List.of(new TensorStream("m_axis", shape, lanes));
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
    return new ClampEngine(this);
  }
}
