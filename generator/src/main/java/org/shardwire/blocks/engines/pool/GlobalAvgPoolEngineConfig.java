package org.shardwire.blocks.engines.pool;

import java.util.Collections;
import java.util.List;
import org.shardwire.blocks.engines.EngineNames;
import org.shardwire.blocks.engines.MacFreeEngineConfig;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.RequantConstants;
import org.shardwire.blocks.engines.RequantProduct;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Shape;

/**
 * Global average pooling (docs/numerics.md): per channel the sum over all H * W pixels, then
 * {@code y = clamp(rq(sum; requant), -128, 127)}; output 1 x 1 x C at the same lanes. It takes one
 * input word per cycle and emits the C/lanes result words while the next frame streams in.
 *
 * <p>The rule's int32 sums are kept in {@link #sumBits()} bits: a sum of H * W int8 values fits, so
 * the narrower accumulator gives the same numbers.
 *
 * @param style the RAM of the C/lanes running sums (small: usually LUT RAM)
 */
public record GlobalAvgPoolEngineConfig(Shape input, int lanes, RequantConstants requant, RamStyle style)
    implements MacFreeEngineConfig {

  public GlobalAvgPoolEngineConfig {
    new TensorStream("s_axis", input, lanes); // validates lanes against the channels
    if (requant == null || style == null) {
      throw new IllegalArgumentException("global average pool engine needs its requantizer and the sums' RAM style");
    }
  }

  public int pixels() {
    return input.h() * input.w();
  }

  /** Channel groups (words per pixel): the accumulator memory's depth. */
  public int groups() {
    return input.c() / lanes;
  }

  /** Bits of one channel's exact sum of H * W int8 values. */
  public int sumBits() {
    return 8 + (64 - Long.numberOfLeadingZeros(pixels() - 1L));
  }

  @Override
  public String moduleName() {
    return "global_avg_pool_p" + pixels() + "_c" + input.c() + "_l" + lanes + "_" + style.value().toLowerCase() + "_"
        + EngineNames.hash(requant);
  }

  @Override
  public List<TensorStream> inputs() {
    return List.of(new TensorStream("s_axis", input, lanes));
  }

  @Override
  public List<TensorStream> outputs() {
    return List.of(new TensorStream("m_axis", Shape.vector(input.c()), lanes));
  }

  @Override
  public long cyclesPerFrame() {
    return input.elements() / lanes;
  }

  /** Channel group 0 is final when the last pixel's first word has been added. */
  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return List.of((long) (pixels() - 1) * groups() + 1);
  }

  @Override
  public List<RequantProduct> requantProducts() {
    return RequantProduct.of(sumBits(), List.of(requant)).map(p -> Collections.nCopies(lanes, p)).orElse(List.of());
  }

  /** The sums of all channel groups; none for one group (a register holds it). */
  @Override
  public List<MemorySpec> memories() {
    if (groups() == 1) {
      return List.of();
    }
    return List.of(new MemorySpec("sums", lanes * sumBits(), groups(), style));
  }

  @Override
  public Module newModule() {
    return new GlobalAvgPoolEngine(this);
  }
}
