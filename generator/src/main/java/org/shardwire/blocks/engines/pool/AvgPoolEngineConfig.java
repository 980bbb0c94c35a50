package org.shardwire.blocks.engines.pool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.blocks.engines.EngineNames;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.RequantConstants;
import org.shardwire.blocks.engines.RequantProduct;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.engines.window.SlidingWindowConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Shape;

/**
 * Average pooling (docs/numerics.md): per channel the int32 sum of the window (padding counts 0),
 * then {@code y = clamp(rq(sum; byDivisor[n - 1]), -128, 127)} where {@code n} is kh * kw when
 * {@code countIncludePad}, else the number of real input pixels in that window. The engine holds
 * only the divisors that occur for this input; II as {@link MaxPoolEngineConfig}.
 *
 * @param byDivisor the requantizer for divisor n at index n - 1, n = 1 .. kh * kw (as the quantizer gives them)
 * @param style the line buffer's RAM
 */
public record AvgPoolEngineConfig(Shape input, int lanes, WindowGeometry geometry, boolean countIncludePad,
    List<RequantConstants> byDivisor, RamStyle style) implements EngineConfig {
  public AvgPoolEngineConfig {
    if (input == null || geometry == null || style == null || byDivisor == null) {
      throw new IllegalArgumentException(
          "average pool engine: input shape, geometry, requantizers and RAM style must be given");
    }
    byDivisor = List.copyOf(byDivisor);
    PoolWindows.window(input, lanes, geometry, style); // validates lanes, geometry and buffer size
    if (byDivisor.size() != geometry.kernelArea()) {
      throw new IllegalArgumentException("average pool engine: needs one requantizer per divisor 1.."
          + geometry.kernelArea() + ", got " + byDivisor.size());
    }
  }

  public SlidingWindowConfig window() {
    return PoolWindows.window(input, lanes, geometry, style);
  }

  public Shape outputShape() {
    return PoolWindows.output(input, geometry);
  }

  /** Divisor -> requantizer, for the divisors this input's windows have. */
  public Map<Integer, RequantConstants> divisors() {
    Map<Integer, RequantConstants> used = new LinkedHashMap<>();
    if (countIncludePad) {
      used.put(geometry.kernelArea(), byDivisor.get(geometry.kernelArea() - 1));
    } else {
      for (int n : PoolWindows.realPixelCounts(input, geometry)) {
        used.put(n, byDivisor.get(n - 1));
      }
    }
    return used;
  }

  /** Bits of a window's exact sum of kh * kw int8 values. */
  public int sumBits() {
    return 8 + EngineModule.bitsFor(geometry.kernelArea() - 1L);
  }

  @Override
  public String moduleName() {
    return "avg_pool_" + input.h() + "x" + input.w() + "x" + input.c() + "_l" + lanes + "_" + geometry.describe()
        + (countIncludePad ? "_incpad" : "_excpad") + "_" + style.value().toLowerCase() + "_"
        + EngineNames.hash(divisors());
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
    return RequantProduct.of(sumBits(), divisors().values()).map(p -> Collections.nCopies(lanes, p))
        .orElse(List.of());
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
    return new AvgPoolEngine(this);
  }
}
