package org.shardwire.blocks.engines.routing;

import java.util.List;
import org.shardwire.blocks.engines.MacFreeEngineConfig;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.model.Shape;

/**
 * Channels [from, to) of a stream (model.ChannelRange): the words of each pixel that hold them
 * pass, the others are dropped. It takes one input word per cycle, so its II is the input's words.
 *
 * @param input the input tensor
 * @param lanes int8 elements per word; divides the input channels, {@code from} and {@code to}
 */
public record ChannelRangeEngineConfig(Shape input, int from, int to, int lanes) implements MacFreeEngineConfig {
  public ChannelRangeEngineConfig {
    new TensorStream("s_axis", input, lanes); // lanes must divide the input channels
    if (from < 0 || to <= from || to > input.c()) {
      throw new IllegalArgumentException("channel range engine: [" + from + ", " + to + ") is not a range of the "
          + input.c() + " input channels");
    }
    if (from % lanes != 0 || to % lanes != 0) {
      throw new IllegalArgumentException("channel range engine: " + lanes + " lanes do not divide the range ["
          + from + ", " + to + ")");
    }
  }

  public Shape outputShape() {
    return new Shape(input.h(), input.w(), to - from);
  }

  /** Word of a pixel where the range starts / ends (exclusive). */
  public int firstWord() {
    return from / lanes;
  }

  public int endWord() {
    return to / lanes;
  }

  @Override
  public String moduleName() {
    return "channel_range_c" + input.c() + "_" + from + "_" + to + "_l" + lanes + "_p" + input.h() * input.w();
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
    return input.elements() / lanes;
  }

  /** The words in front of the range, then its first word. */
  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return List.of(firstWord() + 1L);
  }

  @Override
  public Module newModule() {
    return new ChannelRangeEngine(this);
  }
}
