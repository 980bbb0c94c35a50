package org.shardwire.blocks.engines.routing;

import java.util.List;
import org.shardwire.blocks.engines.MacFreeEngineConfig;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.model.Shape;

/**
 * Regroups a stream of {@code inLanes}-channel words into {@code outLanes}-channel words, same
 * channel order (NHWC byte order is unchanged; only the word boundaries move). Any two divisors
 * of C in 1..64. It moves min(in, out) channels per cycle on its slower side.
 */
public record LaneAdapterConfig(Shape shape, int inLanes, int outLanes) implements MacFreeEngineConfig {
  public LaneAdapterConfig {
    new TensorStream("s_axis", shape, inLanes);  // validates both lane counts against the channels
    new TensorStream("m_axis", shape, outLanes);
  }

  @Override
  public String moduleName() {
    return "lane_adapter_i" + inLanes + "_o" + outLanes;
  }

  @Override
  public List<TensorStream> inputs() {
    return List.of(new TensorStream("s_axis", shape, inLanes));
  }

  @Override
  public List<TensorStream> outputs() {
    return List.of(new TensorStream("m_axis", shape, outLanes));
  }

  @Override
  public long cyclesPerFrame() {
    return shape.elements() / Math.min(inLanes, outLanes);
  }

  /** Enough input words to fill the first output word. */
  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return List.of((long) ((outLanes + inLanes - 1) / inLanes));
  }

  /** Bytes the regrouping buffer holds: one word of each side, enough to move a word every cycle. */
  public int bufferBytes() {
    return inLanes + outLanes;
  }

  @Override
  public Module newModule() {
    return new LaneAdapter(this);
  }
}
