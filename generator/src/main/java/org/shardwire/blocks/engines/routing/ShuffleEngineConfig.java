package org.shardwire.blocks.engines.routing;

import java.util.Arrays;
import java.util.List;
import org.shardwire.blocks.engines.EngineNames;
import org.shardwire.blocks.engines.MacFreeEngineConfig;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.model.Shape;

/**
 * ChannelShuffle and InsideShuffle (docs/numerics.md: pure moves): output channel {@code o} of
 * every pixel is input channel {@code sourceChannel[o]}. The engine buffers one pixel while it
 * emits the previous one, so it streams a word per cycle.
 *
 * <p>The two pixel buffers are registers (2 x C bytes), not a RAM: every output lane reads a
 * different, fixed set of channels, which a RAM's single read port cannot serve.
 */
public record ShuffleEngineConfig(Shape shape, int lanes, int[] sourceChannel) implements MacFreeEngineConfig {
  public ShuffleEngineConfig {
    new TensorStream("s_axis", shape, lanes); // validates lanes against the channels
    if (sourceChannel == null || sourceChannel.length != shape.c()) {
      throw new IllegalArgumentException("shuffle engine: the permutation must list one source channel for each of the "
          + shape.c() + " channels, got " + (sourceChannel == null ? "none" : sourceChannel.length));
    }
    sourceChannel = sourceChannel.clone();
    boolean[] seen = new boolean[shape.c()];
    for (int o = 0; o < sourceChannel.length; o++) {
      int s = sourceChannel[o];
      if (s < 0 || s >= shape.c() || seen[s]) {
        throw new IllegalArgumentException("shuffle engine: sourceChannel must be a permutation of 0.." + (shape.c() - 1)
            + ", but entry " + o + " is " + s + (s >= 0 && s < shape.c() ? " (repeated)" : " (out of range)"));
      }
      seen[s] = true;
    }
  }

  @Override
  public int[] sourceChannel() {
    return sourceChannel.clone();
  }

  @Override
  public String moduleName() {
    return "shuffle_c" + shape.c() + "_l" + lanes + "_" + EngineNames.hash(Arrays.toString(sourceChannel));
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

  /** A whole pixel: its last word may hold a channel that the first output word needs. */
  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return List.of((long) shape.c() / lanes);
  }

  /** Flip-flops of the two pixel buffers. */
  public int bufferBits() {
    return 2 * shape.c() * 8;
  }

  @Override
  public Module newModule() {
    return new ShuffleEngine(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShuffleEngineConfig c && shape.equals(c.shape) && lanes == c.lanes
        && Arrays.equals(sourceChannel, c.sourceChannel);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * shape.hashCode() + lanes) + Arrays.hashCode(sourceChannel);
  }

  @Override
  public String toString() {
    return "ShuffleEngineConfig[shape=" + shape + ", lanes=" + lanes + ", sourceChannel="
        + Arrays.toString(sourceChannel) + "]";
  }
}
