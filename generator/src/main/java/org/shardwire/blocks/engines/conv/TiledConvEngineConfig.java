package org.shardwire.blocks.engines.conv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.ContentHash;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.routing.LaneAdapterConfig;
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.blocks.reader.WeightStreamConfig;
import org.shardwire.blocks.memory.BankLayout;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Shape;

/**
 * A weight-stationary conv engine with its weights in DDR (docs/ddr-weights.md, "Weight
 * tiles"): it reads every weight from DDR once per frame, where {@link StreamedConvEngineConfig}
 * reads them once per output pixel.
 *
 * <p>It keeps the layer's whole input frame on chip ({@code frame_in}, two frames: frame n+1
 * arrives while frame n is computed), loads the weights of one fold (PE output channels x the
 * whole Kh x Kw x Cin reduction, {@code beatsPerWindow} words) from DDR into a weight tile
 * ({@code weight_tile}, two tiles: fold f+1 arrives while fold f computes), sweeps every output
 * pixel with that tile, and writes the requantized results into an output frame
 * ({@code frame_out}, two frames) at their pixel-major place, from where they leave in the order
 * every other engine produces (pixel by pixel, folds in turn).
 *
 * <p>Its figures: the MAC arrays take one beat a cycle as in the on-chip engine (Cout/PE folds x
 * OH x OW pixels x the window's beats); the input frame arrives at one word a cycle; the output
 * frame leaves at one word a cycle; the reader delivers at most one DDR beat a cycle, and each
 * frame needs the layer's region once. The first output leaves only after a whole input frame is
 * in and a whole output frame computed.
 *
 * <p>One group (no grouped convs) and one pixel at a time (no MMV): the layers this is for are
 * the large late layers of deep nets (ResNet-50's layer3/layer4 and classifier).
 *
 * @param frameInStyle RAM of {@code frame_in}
 * @param tileStyle RAM of {@code weight_tile} (its banking follows it, as the weight ROM's does)
 * @param frameOutStyle RAM of {@code frame_out}
 */
public record TiledConvEngineConfig(ConvEngineConfig conv, WeightStreamConfig stream, RamStyle frameInStyle,
                                    RamStyle tileStyle, RamStyle frameOutStyle) implements DdrWeightEngine {
  /** The memory name of the reader's data buffer (as the streamed engine's). */
  public static final String BUFFER = StreamedConvEngineConfig.BUFFER;
  public static final String FRAME_IN = "frame_in";
  public static final String FRAME_OUT = "frame_out";
  public static final String TILE = "weight_tile";
  /** Frames and tiles are double-buffered: one is filled while the other is used. */
  public static final int BANKS = 2;

  /** The frames in the conv's line-buffer RAM, the tiles in its weight RAM. */
  public TiledConvEngineConfig(ConvEngineConfig conv, WeightStreamConfig stream) {
    this(conv, stream, conv.bufferStyle(), conv.weightStyle(), conv.bufferStyle());
  }

  public TiledConvEngineConfig {
    // The conv's name only when refusing (it hashes the weights: not for every folding weighed).
    Supplier<String> what = () -> "weight-stationary conv " + conv.moduleName();
    int wordBits = conv.pe() * conv.simd() * Widths.INT8;
    if (stream.wordBits() != wordBits || stream.region().words() != conv.folds() * conv.beatsPerWindow()) {
      throw new IllegalArgumentException(what.get() + ": its weights are " + conv.folds() * conv.beatsPerWindow()
          + " words of " + wordBits + " bits, the DDR region " + stream.region().name() + " holds "
          + stream.region().words() + " of " + stream.wordBits());
    }
    if (conv.groups() != 1 || conv.mmv() != 1 || conv.kernelRow() || conv.spansWindow()) {
      throw new IllegalArgumentException(what.get() + ": needs one group, one pixel at a time (mmv 1) and channel SIMD"
          + " (its frame buffer holds SIMD channels a word); got groups " + conv.groups() + ", mmv " + conv.mmv()
          + ", SIMD " + conv.simd());
    }
    long in = frameInWords(conv);
    long out = (long) conv.outputShape().h() * conv.outputShape().w() * conv.folds();
    if (!WeightBufferConfig.fitsDepth(in * BANKS) || !WeightBufferConfig.fitsDepth(out * BANKS)) {
      throw new IllegalArgumentException(what.get() + ": two frames of " + in + " input / " + out
          + " output words pass the " + WeightBufferConfig.MAX_DEPTH + "-word limit of one memory");
    }
  }

  /** Input words a frame: H x W x Cin / SIMD, the depth of one input frame buffer. */
  public long frameInWords() {
    return frameInWords(conv);
  }

  private static long frameInWords(ConvEngineConfig conv) {
    Shape in = conv.input();
    return (long) in.h() * in.w() * in.c() / conv.simd();
  }

  /** Output pixels a frame: OH x OW. */
  public long outputPixels() {
    Shape out = conv.outputShape();
    return (long) out.h() * out.w();
  }

  /** Output words a frame: OH x OW x Cout / PE, the depth of one output frame buffer. */
  public long frameOutWords() {
    return outputPixels() * conv.folds();
  }

  /** DDR beats the engine reads per frame: its region once (whole beats a word, so no burst reads more). */
  public long ddrBeatsPerFrame() {
    return stream.beatsPerPass();
  }

  /** DDR bytes the engine reads per frame: the layer's weights once, each word padded to whole beats. */
  @Override
  public long ddrBytesPerFrame() {
    return ddrBeatsPerFrame() * stream.reader().beatBytes();
  }

  /** MAC beats a frame: every fold sweeps every output pixel's window. */
  public long macBeatsPerFrame() {
    return outputPixels() * conv.folds() * conv.beatsPerWindow();
  }

  @Override
  public TiledConvEngineConfig at(WeightStreamConfig placed) {
    return new TiledConvEngineConfig(conv, placed, frameInStyle, tileStyle, frameOutStyle);
  }

  @Override
  public String moduleName() {
    // The frames' and tiles' RAMs are not the conv's: they name the module too (two placements, two modules).
    String styles = new ContentHash().text(frameInStyle + " " + tileStyle + " " + frameOutStyle).hex(6);
    return conv.moduleName() + "_tile_" + styles;
  }

  /**
   * {@code max(MAC beats, input words, output words, DDR beats)} a frame: the MAC arrays, the
   * input, the output and the reader each move one word (beat) a cycle, and with every buffer
   * doubled they overlap; the DDR's own rate is the planner's budget, not part of this figure.
   * A padded conv's drained words pass the lane adapter that drops the pad lanes (a word a cycle).
   */
  @Override
  public long cyclesPerFrame() {
    LaneAdapterConfig drop = conv.padDrop();
    long dropped = drop == null ? 0 : drop.cyclesPerFrame();
    return Math.max(Math.max(Math.max(macBeatsPerFrame(), frameInWords()), Math.max(frameOutWords(),
        ddrBeatsPerFrame())), dropped);
  }

  /** A whole input frame: nothing is computed before the last word of it is in. */
  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return List.of(frameInWords());
  }

  /**
   * Both input frames: while frame n is computed (and before any of it leaves), frame n+1 fills
   * the other half of {@code frame_in}. Frame n+2 may come in once frame n is computed, while
   * frame n leaves: in a branch beside the engine it takes the room frame n's pixels free as the
   * join takes them, so two frames keep the engine busy.
   */
  @Override
  public List<Long> inputWordsInFlight() {
    return List.of(BANKS * frameInWords());
  }

  /** The requantizer, told that each fold's words come together (a whole frame's pixels). */
  public RequantizerConfig requantizer() {
    RequantizerConfig r = conv.requantizer();
    return new RequantizerConfig(r.lanes(), r.folds(), r.table(), r.wordsPerFrame(), r.romStyle(), outputPixels(),
        r.share());
  }

  /** The tile's banks: PE x SIMD bytes a word, split as the weight ROM's in the same RAM. */
  public BankLayout tileBanks() {
    return WeightBufferConfig.banks(conv.pe() * conv.simd() * Widths.INT8, tileStyle);
  }

  /** Tile words: the window's beats of one fold. */
  public int tileWords() {
    return conv.beatsPerWindow();
  }

  /**
   * Both input frames, both weight tiles (banked like the weight ROM), both output frames, the
   * requantizer and the reader's buffer and command queue.
   */
  @Override
  public List<MemorySpec> memories() {
    List<MemorySpec> m = new ArrayList<>();
    m.add(new MemorySpec(FRAME_IN, conv.simd() * Widths.INT8, (int) (BANKS * frameInWords()), frameInStyle));
    m.addAll(MemorySpec.banked(TILE, tileBanks(), BANKS * tileWords(), tileStyle));
    m.add(new MemorySpec(FRAME_OUT, conv.pe() * Widths.INT8, (int) (BANKS * frameOutWords()), frameOutStyle));
    m.addAll(requantizer().memories());
    m.add(new MemorySpec(BUFFER, stream.reader().wordBits(), stream.reader().bufferWords(), stream.bufferStyle()));
    m.add(new MemorySpec(StreamedConvEngineConfig.COMMANDS, stream.reader().commandQueueWidth(),
        stream.reader().commandQueueDepth(), stream.commandStyle()));
    return m;
  }

  @Override
  public Module newModule() {
    return new TiledConvEngine(this);
  }
}
