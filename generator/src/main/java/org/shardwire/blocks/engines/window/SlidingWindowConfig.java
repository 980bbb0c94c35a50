package org.shardwire.blocks.engines.window;

import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Shape;

/**
 * A sliding-window unit (line buffer): reads an H x W x C tensor as words of {@code lanes}
 * channels (NHWC, docs/engines.md) and emits, for every output pixel, its window's words with
 * padding positions as zeros, in this order:
 *
 * <pre>
 * for oy, ox:                       output pixels, raster order
 *   for g in 0 .. groups-1:         contiguous channel slices (conv groups; C/lanes for depthwise/pools)
 *     for r in 0 .. replays-1:      the same slice again (one per output fold of a conv)
 *       for ky, kx:                 kernel positions
 *         for w in 0 .. C/lanes/groups-1:   the slice's words (channels g*C/groups + w*lanes ..)
 * </pre>
 *
 * Replays and groups are read from the line buffer again, never from the input: every input word
 * is read once. tlast marks each frame's last output word. The buffer keeps {@link #bufferRows()}
 * input rows in one on-chip RAM; see there why that many.
 *
 * @param groups channel slices per window; divides C / lanes
 * @param replays times each slice is emitted per output pixel
 */
public record SlidingWindowConfig(Shape input, int lanes, WindowGeometry geometry, int groups, int replays,
                                  RamStyle style) implements EngineConfig {
  /** Output FIFO beats: covers the read-issue to FIFO-pop round trip, so the window emits a word per cycle. */
  public static final int OUTPUT_FIFO_DEPTH = 4;
  /** Largest line buffer (words): a guard against configs that could never fit on chip. */
  public static final long MAX_BUFFER_WORDS = 1L << 24;

  public SlidingWindowConfig {
    if (input == null || geometry == null || style == null) {
      throw new IllegalArgumentException("sliding window: input shape, geometry and RAM style must be given");
    }
    if (!Widths.SIMD_WIDTHS.contains(lanes) || input.c() % lanes != 0) {
      throw new IllegalArgumentException("sliding window: lanes must be one of 1, 2, 4, 8, 16 and divide the "
          + input.c() + " input channels; got " + lanes);
    }
    if (groups < 1 || (input.c() / lanes) % groups != 0) {
      throw new IllegalArgumentException("sliding window: groups must divide the " + input.c() / lanes
          + " words per pixel (" + input.c() + " channels / " + lanes + " lanes); got " + groups);
    }
    if (replays < 1) {
      throw new IllegalArgumentException("sliding window: replays must be >= 1, got " + replays);
    }
    if (!geometry.fits(input)) {
      throw new IllegalArgumentException("sliding window: a " + geometry.describe() + " window does not fit a "
          + input + " input");
    }
    long words = (long) bufferRowsFor(input, geometry) * input.w() * (input.c() / lanes);
    if (words > MAX_BUFFER_WORDS) {
      throw new IllegalArgumentException("sliding window: the line buffer would need " + words + " words (max "
          + MAX_BUFFER_WORDS + ") for a " + input + " input and a " + geometry.describe() + " window");
    }
  }

  /** One slice, emitted once per pixel: pooling and plain window use. */
  public static SlidingWindowConfig simple(Shape input, int lanes, WindowGeometry geometry, RamStyle style) {
    return new SlidingWindowConfig(input, lanes, geometry, 1, 1, style);
  }

  public int outputH() {
    return geometry.outputH(input.h());
  }

  public int outputW() {
    return geometry.outputW(input.w());
  }

  /** Input words per pixel (C / lanes). */
  public int wordsPerPixel() {
    return input.c() / lanes;
  }

  /** Words of one slice at one kernel position. */
  public int wordsPerSlice() {
    return wordsPerPixel() / groups;
  }

  /** Words of one slice's window: kh * kw * (C / lanes / groups). */
  public int wordsPerWindow() {
    return geometry.kernelArea() * wordsPerSlice();
  }

  /** Output words per output pixel: groups * replays * window words. */
  public long outputWordsPerPixel() {
    return (long) groups * replays * wordsPerWindow();
  }

  public long inputWordsPerFrame() {
    return (long) input.h() * input.w() * wordsPerPixel();
  }

  public long outputWordsPerFrame() {
    return (long) outputH() * outputW() * outputWordsPerPixel();
  }

  /**
   * Rows in the line buffer. Two needs, take the larger:
   * <ul>
   *   <li>{@code kh + sh}: while the window of output row oy is read, the writer fills the sh rows
   *       that row oy+1 adds, so neither side waits for the other within a frame;</li>
   *   <li>enough that during the frame's last output row the writer can already fill every row
   *       the next frame's first output row needs ({@code H + lastRowOfFirstWindow -
   *       firstRowOfLastWindow + 1}), so back-to-back frames do not pause at the boundary. For a
   *       window as tall as the input (fully connected) this is 2H: a double buffer.</li>
   * </ul>
   */
  public int bufferRows() {
    return bufferRowsFor(input, geometry);
  }

  static int bufferRowsFor(Shape input, WindowGeometry g) {
    int h = input.h();
    int oh = g.outputH(h);
    int lastRowOfFirstWindow = Math.min(h - 1, g.kernelH() - 1 - g.padding().top());
    int firstRowOfLastWindow = Math.max(0, (oh - 1) * g.strideH() - g.padding().top());
    return Math.max(g.kernelH() + g.strideH(), h + lastRowOfFirstWindow - firstRowOfLastWindow + 1);
  }

  public int bufferDepth() {
    return bufferRows() * input.w() * wordsPerPixel();
  }

  public int wordBits() {
    return lanes * Widths.INT8;
  }

  public TensorStream inputStream() {
    return new TensorStream("s_axis", input, lanes);
  }

  /** The window stream as a tensor: OH x OW pixels of groups * replays * kh * kw * C / groups channels. */
  public TensorStream outputStream() {
    long channels = outputWordsPerPixel() * lanes;
    if (channels > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("sliding window: " + channels + " output channels per pixel is too many");
    }
    return new TensorStream("m_axis", new Shape(outputH(), outputW(), (int) channels), lanes);
  }

  @Override
  public String moduleName() {
    return "window_" + input.h() + "x" + input.w() + "x" + input.c() + "_l" + lanes + "_" + geometry.describe()
        + (groups > 1 ? "_g" + groups : "") + (replays > 1 ? "_r" + replays : "") + "_"
        + style.value().toLowerCase();
  }

  @Override
  public List<TensorStream> inputs() {
    return List.of(inputStream());
  }

  @Override
  public List<TensorStream> outputs() {
    return List.of(outputStream());
  }

  /** One output word per cycle, but never faster than the input arrives (one word per cycle). */
  @Override
  public long cyclesPerFrame() {
    return Math.max(inputWordsPerFrame(), outputWordsPerFrame());
  }

  /** Every word up to and including the first window's bottom-right real pixel. */
  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return List.of(inputWordsBeforeFirstWindow(input, lanes, geometry));
  }

  static long inputWordsBeforeFirstWindow(Shape input, int lanes, WindowGeometry g) {
    long lastRow = Math.min(input.h() - 1, g.kernelH() - 1 - g.padding().top());
    long lastColumn = Math.min(input.w() - 1, g.kernelW() - 1 - g.padding().left());
    return (lastRow * input.w() + lastColumn + 1) * (input.c() / lanes);
  }

  @Override
  public int macMultipliers() {
    return 0;
  }

  @Override
  public int requantizers() {
    return 0;
  }

  @Override
  public List<MemorySpec> memories() {
    return List.of(
        new MemorySpec("line_buffer", wordBits(), bufferDepth(), style),
        new MemorySpec("window_fifo", outputStream().axisShape().payloadWidth(), OUTPUT_FIFO_DEPTH, lutRam(style)));
  }

  @Override
  public long luts() {
    return LogicEstimate.luts(1, 0, 0);
  }

  /** The LUT-RAM style of the same vendor (small FIFOs and parameter tables). */
  public static RamStyle lutRam(RamStyle style) {
    return style.vendor().lutRamStyle();
  }

  @Override
  public Module newModule() {
    return new SlidingWindow(this);
  }
}
