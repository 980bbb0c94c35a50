package org.shardwire.blocks.engines.conv;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.reader.WeightStreamConfig;
import org.shardwire.hdl.Module;
import org.shardwire.model.Shape;

/**
 * A conv engine whose weights stream from DDR (docs/ddr-weights.md) instead of living in a ROM:
 * the same window, MAC array and requantizer as {@code conv}, fed by a {@link
 * org.shardwire.blocks.reader.WeightStreamer} on its {@code m_axi} port. The engine walks its
 * weight words once per output pixel (once per mmv pixels with MMV), so the layer's region is read
 * that often: the figures below are what that costs. Suited to layers with few output pixels and
 * many weights (fully connected layers, the last stages of a deep net), and to MMV foldings.
 */
public record StreamedConvEngineConfig(ConvEngineConfig conv, WeightStreamConfig stream) implements DdrWeightEngine {
  /** The memory name of the reader's data buffer (the plan places it like any other). */
  public static final String BUFFER = "weight_stream";
  /** The reader's command queue (as the plan names it). */
  public static final String COMMANDS = "weight_commands";

  public StreamedConvEngineConfig {
    int wordBits = conv.pe() * conv.simd() * 8;
    if (stream.wordBits() != wordBits || stream.region().words() != conv.folds() * conv.beatsPerWindow()) {
      throw new IllegalArgumentException("streamed conv " + conv.moduleName() + ": its weights are "
          + conv.folds() * conv.beatsPerWindow() + " words of " + wordBits + " bits, the DDR region "
          + stream.region().name() + " holds " + stream.region().words() + " of " + stream.wordBits());
    }
  }

  /**
   * DDR beats the engine reads per frame: the whole region once per weight pass, and a pass
   * serves one output pixel, or mmv of them at once (the MMV arrays share each weight word).
   */
  public long ddrBeatsPerFrame() {
    Shape out = conv.outputShape();
    return (long) out.h() * (out.w() / conv.mmv()) * stream.beatsPerPass();
  }

  /** DDR bytes the engine reads per frame: what the planner budgets against the bank's bandwidth. */
  @Override
  public long ddrBytesPerFrame() {
    return ddrBeatsPerFrame() * stream.reader().beatBytes();
  }

  @Override
  public StreamedConvEngineConfig at(WeightStreamConfig placed) {
    return new StreamedConvEngineConfig(conv, placed);
  }

  @Override
  public String moduleName() {
    return conv.moduleName() + "_ddr";
  }

  /**
   * The on-chip engine's cycles, or the reader's when it is slower: it delivers at most one beat a
   * cycle, and a word of more than one beat takes that many (the DDR's own rate is the planner's
   * budget, not part of this figure).
   */
  @Override
  public long cyclesPerFrame() {
    return Math.max(conv.cyclesPerFrame(), ddrBeatsPerFrame());
  }

  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return conv.inputWordsBeforeFirstOutput();
  }

  /** The on-chip engine's memories without its weight ROM, plus the reader's data buffer and command queue. */
  @Override
  public List<MemorySpec> memories() {
    List<MemorySpec> m = new ArrayList<>();
    for (MemorySpec s : conv.memories()) {
      if (!s.name().equals("weights") && !s.name().startsWith("weights_b")) {
        m.add(s);
      }
    }
    m.add(new MemorySpec(BUFFER, stream.reader().wordBits(), stream.reader().bufferWords(),
        stream.bufferStyle()));
    m.add(new MemorySpec(COMMANDS, stream.reader().commandQueueWidth(), stream.reader().commandQueueDepth(),
        stream.commandStyle()));
    return m;
  }

  @Override
  public Module newModule() {
    return new StreamedConvEngine(this);
  }
}
