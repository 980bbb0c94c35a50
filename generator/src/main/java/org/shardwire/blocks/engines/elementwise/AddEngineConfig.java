package org.shardwire.blocks.engines.elementwise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.ClampBounds;
import org.shardwire.blocks.engines.EngineNames;
import org.shardwire.blocks.engines.MacFreeEngineConfig;
import org.shardwire.blocks.engines.RequantConstants;
import org.shardwire.blocks.engines.RequantProduct;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.model.Shape;

/**
 * Residual add of two streams of the same shape (docs/numerics.md "Residual add"): per lane
 * {@code ta = rq(a; a)}, {@code tb = rq(b; b)} into the common accumulator of unit Sy / 2^8, then
 * {@code y = clamp((ta + tb + 2^7) >> 8, lo, hi)}. One word per cycle when both inputs have one.
 *
 * @param a the requantizer of input {@code s_axis_a} (ma = 2^8 Sa / Sy)
 * @param b the requantizer of input {@code s_axis_b} (mb = 2^8 Sb / Sy)
 * @param clamp the fused activation's bounds
 */
public record AddEngineConfig(Shape shape, int lanes, RequantConstants a, RequantConstants b, ClampBounds clamp)
    implements MacFreeEngineConfig {
  /** Extra fraction bits of the common accumulator (docs/numerics.md). */
  public static final int FRACTION_BITS = 8;

  public AddEngineConfig {
    new TensorStream("s_axis_a", shape, lanes); // validates lanes against the channels
    if (a == null || b == null || clamp == null) {
      throw new IllegalArgumentException("add engine needs both requantizers and the clamp bounds");
    }
  }

  @Override
  public String moduleName() {
    return "add_l" + lanes + "_" + clamp.label() + "_" + EngineNames.hash(a, b);
  }

  @Override
  public List<TensorStream> inputs() {
    return List.of(new TensorStream("s_axis_a", shape, lanes), new TensorStream("s_axis_b", shape, lanes));
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
    return List.of(1L, 1L);
  }

  @Override
  public List<RequantProduct> requantProducts() {
    List<RequantProduct> products = new ArrayList<>();
    for (RequantConstants k : List.of(a, b)) {
      RequantProduct.of(Widths.INT8, List.of(k)).ifPresent(p -> products.addAll(Collections.nCopies(lanes, p)));
    }
    return products;
  }

  @Override
  public Module newModule() {
    return new AddEngine(this);
  }
}
