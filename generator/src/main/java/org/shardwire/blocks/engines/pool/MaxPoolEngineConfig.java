package org.shardwire.blocks.engines.pool;

import java.util.List;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.RequantProduct;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.engines.window.SlidingWindowConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Shape;

/**
 * Max pooling (docs/numerics.md): per channel the largest int8 value of the window's real input
 * pixels; padded positions never win. Same scale, no arithmetic but compares. A sliding window
 * feeds one window word per cycle, so II = max(input words, OH * OW * (C/lanes) * kh * kw).
 *
 * @param style the line buffer's RAM
 */
public record MaxPoolEngineConfig(Shape input, int lanes, WindowGeometry geometry, RamStyle style)
    implements EngineConfig {
  public MaxPoolEngineConfig {
    if (input == null || geometry == null || style == null) {
      throw new IllegalArgumentException("max pool engine: input shape, geometry and RAM style must be given");
    }
    PoolWindows.window(input, lanes, geometry, style); // validates lanes, geometry and buffer size
  }

  public SlidingWindowConfig window() {
    return PoolWindows.window(input, lanes, geometry, style);
  }

  public Shape outputShape() {
    return PoolWindows.output(input, geometry);
  }

  @Override
  public String moduleName() {
    return "max_pool_" + input.h() + "x" + input.w() + "x" + input.c() + "_l" + lanes + "_" + geometry.describe()
        + "_" + style.value().toLowerCase();
  }

  @Override
  public List<TensorStream> inputs() {
    return List.of(new TensorStream("s_axis", input, lanes));
  }

  @Override
  public List<TensorStream> outputs() {
    return List.of(new TensorStream("m_axis", outputShape(), lanes));
  }

  @Override
  public long cyclesPerFrame() {
    return window().cyclesPerFrame();
  }

  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return window().inputWordsBeforeFirstOutput();
  }

  @Override
  public int macMultipliers() {
    return 0;
  }

  @Override
  public List<RequantProduct> requantProducts() {
    return List.of();
  }

  @Override
  public List<MemorySpec> memories() {
    return window().memories();
  }

  @Override
  public long luts() {
    return LogicEstimate.luts(1, macMultipliers(), requantizers());
  }

  @Override
  public Module newModule() {
    return new MaxPoolEngine(this);
  }
}
