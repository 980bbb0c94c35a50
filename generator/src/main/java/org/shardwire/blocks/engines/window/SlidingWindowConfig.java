package org.shardwire.blocks.engines.window;

import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.RequantProduct;
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
 * <p>With {@code mmv} > 1 (FINN's "multiple matrix vectors") the window emits the same word of
 * {@code mmv} horizontally adjacent output pixels at once: ox runs over groups of mmv pixels, and
 * each output word holds pixel j*mmv + m's word in lanes m*lanes .. (m+1)*lanes - 1. The line
 * buffer is then built mmv times (one read port each, the same writes), so mmv reads issue per
 * cycle; a conv engine behind it runs mmv MAC arrays on one weight stream.
 *
 * <p>With {@code kernelRow} (SIMD across the kernel window) every output word is a whole kernel
 * row: the {@code kw} pixels kx = 0 .. kw-1 of row ky side by side, pixel kx in lanes kx*lanes ..
 * (kx+1)*lanes - 1, so the kx loop above runs once. It needs one word per pixel (lanes = C, one
 * group) and mmv 1; the line buffer is built kw times (one read port per kernel column). In NHWC
 * order a kernel row of a whole-pixel window is kw*C contiguous weights, so a conv behind it takes
 * SIMD kw*C: the parallelism of a 3-channel stem, whose channel SIMD stops at 3, between PE =
 * Cout and MMV.
 *
 * @param groups channel slices per window; divides C / lanes
 * @param replays times each slice is emitted per output pixel
 * @param mmv output pixels per word; divides OW (not for a pointwise window, which needs no rows)
 * @param kernelRow each output word holds a whole kernel row ({@link #kernelRowFits})
 */
public record SlidingWindowConfig(Shape input, int lanes, WindowGeometry geometry, int groups, int replays,
                                  RamStyle style, int mmv, boolean kernelRow) implements EngineConfig {
  /** Output FIFO beats: covers the read-issue to FIFO-pop round trip, so the window emits a word per cycle. */
  public static final int OUTPUT_FIFO_DEPTH = 4;
  /** Largest line buffer (words): a guard against configs that could never fit on chip. */
  public static final long MAX_BUFFER_WORDS = 1L << 24;

  /** One kernel position per word. */
  public SlidingWindowConfig(Shape input, int lanes, WindowGeometry geometry, int groups, int replays,
                             RamStyle style, int mmv) {
    this(input, lanes, geometry, groups, replays, style, mmv, false);
  }

  /** One output pixel per word. */
  public SlidingWindowConfig(Shape input, int lanes, WindowGeometry geometry, int groups, int replays,
                             RamStyle style) {
    this(input, lanes, geometry, groups, replays, style, 1);
  }

  public SlidingWindowConfig {
    if (input == null || geometry == null || style == null) {
      throw new IllegalArgumentException("sliding window: input shape, geometry and RAM style must be given");
    }
    if (mmv != 1 && !mmvFits(input, lanes, geometry, mmv)) {
      throw new IllegalArgumentException("sliding window: mmv (output pixels per word) must divide the "
          + (geometry.fits(input) ? geometry.outputW(input.w()) : 0) + " output columns, keep mmv x lanes <= "
          + TensorStream.MAX_LANES + " and needs a window wider than 1x1; got " + mmv + " at " + lanes + " lanes");
    }
    if (kernelRow && (mmv != 1 || groups != 1 || !kernelRowFits(input.c(), lanes, geometry.kernelW()))) {
      throw new IllegalArgumentException("sliding window: a kernel row per word needs one whole pixel per input"
          + " word (lanes = the " + input.c() + " channels), one group, mmv 1, a kernel wider than 1 and kw x lanes <= "
          + TensorStream.MAX_LANES + "; got lanes " + lanes + ", groups " + groups + ", mmv " + mmv + ", a "
          + geometry.describe() + " window");
    }
    if (lanes < 1 || lanes > TensorStream.MAX_LANES || input.c() % lanes != 0) {
      throw new IllegalArgumentException("sliding window: lanes must divide the " + input.c()
          + " channels and be at most " + TensorStream.MAX_LANES + "; got " + lanes);
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
    long words = pointwise(geometry) ? (long) pointwisePixels(input, lanes, geometry, replays) * (input.c() / lanes)
        : (long) bufferRowsFor(input, geometry) * input.w() * (input.c() / lanes);
    if (words > MAX_BUFFER_WORDS) {
      throw new IllegalArgumentException("sliding window: the line buffer would need " + words + " words (max "
          + MAX_BUFFER_WORDS + ") for a " + input + " input and a " + geometry.describe() + " window");
    }
  }

  /**
   * Whether a window can emit {@code mmv} output pixels per word: mmv divides the output width,
   * the word stays within {@link TensorStream#MAX_LANES} lanes, and the window is not 1x1 (a
   * pointwise window keeps no rows to read several pixels from).
   */
  public static boolean mmvFits(Shape input, int lanes, WindowGeometry geometry, int mmv) {
    return mmv >= 1 && geometry.fits(input) && geometry.outputW(input.w()) % mmv == 0
        && (long) mmv * lanes <= TensorStream.MAX_LANES && (mmv == 1 || !pointwise(geometry));
  }

  /**
   * Whether a window can emit a whole kernel row per word: one whole pixel per input word (lanes =
   * C), a kernel wider than one column and the row's kw x C lanes within {@link
   * TensorStream#MAX_LANES}.
   */
  public static boolean kernelRowFits(int channels, int lanes, int kernelW) {
    return lanes == channels && kernelW > 1 && (long) kernelW * lanes <= TensorStream.MAX_LANES;
  }

  /**
   * Whether {@code lanes} is a whole pixel of {@code input} (C channels, C <= {@link
   * TensorStream#MAX_LANES}): a window may read one pixel per word even when no SIMD width is
   * C, as a max pool behind a 24-channel stem does.
   */
  public static boolean wholePixel(Shape input, int lanes) {
    return lanes == input.c() && lanes <= TensorStream.MAX_LANES;
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

  /** Words of one slice's window: kh * kw * (C / lanes / groups); kh with a kernel row per word. */
  public int wordsPerWindow() {
    return geometry.kernelH() * kernelColumnsPerRow() * wordsPerSlice();
  }

  /** Steps of the kx loop: kw, or 1 when a word holds the whole kernel row. */
  public int kernelColumnsPerRow() {
    return kernelRow ? 1 : geometry.kernelW();
  }

  /**
   * Pixels read at once, one line buffer copy each: the mmv output pixels, the kw kernel columns
   * of a kernel-row window, or 1.
   */
  public int pixelsPerWord() {
    return kernelRow ? geometry.kernelW() : mmv;
  }

  /**
   * Columns between pixel m and pixel 0 of a word: m strides for mmv output pixels, m columns for
   * the kernel columns of a kernel row.
   */
  public int columnStep() {
    return kernelRow ? 1 : geometry.strideW();
  }

  /** Lanes of an output word: lanes x {@link #pixelsPerWord}. */
  public int wordLanes() {
    return lanes * pixelsPerWord();
  }

  /** Output pixel groups per output row: OW / mmv. */
  public int outputGroupsW() {
    return outputW() / mmv;
  }

  /** Output words per output pixel (per group of mmv pixels): groups * replays * window words. */
  public long outputWordsPerPixel() {
    return (long) groups * replays * wordsPerWindow();
  }

  public long inputWordsPerFrame() {
    return (long) input.h() * input.w() * wordsPerPixel();
  }

  public long outputWordsPerFrame() {
    return (long) outputH() * outputGroupsW() * outputWordsPerPixel();
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
    SlidingWindowConfig b = lineBuffer();
    return b == this ? bufferRowsFor(input, geometry) : pointwisePixels(input, lanes, geometry, replays);
  }

  /**
   * Pixels the line buffer of a pointwise window holds (its one-pixel rows, {@link #lineBuffer}):
   * two (one written while the other is read and replayed), or for a decimating window enough
   * that the slower of its two sides never waits for the faster one.
   *
   * <p>The decimating stage takes one input word a cycle, dropped or not: within an output row it
   * passes a kept pixel every {@code sw * C/lanes} cycles, and between the last kept pixel of a row
   * and the first of the next it drops {@code gap} whole pixels (the row's columns right of the
   * last stride, then {@code sh - 1} input rows; at a frame's end the rows below the last stride),
   * {@code gap * C/lanes} cycles in which nothing reaches the buffer. The reader spends
   * {@code replays * C/lanes} cycles on a pixel.
   * <ul>
   *   <li>When the reader is the slower side (output words >= input words), the writer waits with
   *       the buffer full for the reader to free a pixel; from then it writes the row's last kept
   *       pixel, drops the gap and writes the next row's first pixel, {@code (gap + 2) * C/lanes}
   *       cycles that the buffered pixels must cover, plus the read pipeline's few cycles (a RAM
   *       read and the output FIFO, {@link #OUTPUT_FIFO_DEPTH}). With two pixels only,
   *       ResNet-50's stride-2 downsample (56 x 56 x 256 -> 28 x 28 x 512 at SIMD 4, 14 folds: a
   *       gap of 57 pixels, 3,648 cycles, against 896 a pixel) idled 1,984 cycles per output row,
   *       and its board ran 7.9% over its estimate (docs/engines.md, "SlidingWindow").</li>
   *   <li>When the decimating stage is the slower side, it must never wait for room: by the time it
   *       starts kept pixel k of a row, the reader (busy since pixel 0 was written) has freed
   *       {@code floor((k * sw - 1) * C/lanes / (replays * C/lanes))} pixels, and the buffer holds
   *       the other k and the new one; the row's last pixel needs the most. The reader catches up
   *       in the gap.</li>
   * </ul>
   * At least two pixels, at most a frame and one more (then the writer never waits).
   */
  static int pointwisePixels(Shape input, int lanes, WindowGeometry g, int replays) {
    int sh = g.strideH();
    int sw = g.strideW();
    if (sh == 1 && sw == 1) {
      return 2;
    }
    int oh = g.outputH(input.h());
    int ow = g.outputW(input.w());
    long wordsPerPixel = input.c() / lanes;
    long pixelCycles = replays * wordsPerPixel;
    long pixels;
    if ((long) oh * ow * pixelCycles >= (long) input.h() * input.w() * wordsPerPixel) {
      long rightOfLastStride = input.w() - 1 - (long) (ow - 1) * sw;
      long belowLastStride = input.h() - 1 - (long) (oh - 1) * sh;
      long gap = Math.max(sw - 1, rightOfLastStride + (long) Math.max(sh - 1, belowLastStride) * input.w());
      long cyclesToCover = (gap + 2) * wordsPerPixel + OUTPUT_FIFO_DEPTH;
      pixels = (cyclesToCover + pixelCycles - 1) / pixelCycles;
    } else {
      long last = ow - 1;
      pixels = last + 1 - Math.floorDiv((last * sw - 1) * wordsPerPixel, pixelCycles);
    }
    return (int) Math.max(2, Math.min(pixels, (long) oh * ow + 1));
  }

  /**
   * A 1 x 1 window (a pointwise conv): every output pixel reads one input pixel, so no input row
   * needs keeping. Its line buffer is built over the pixels the windows read, as a column of
   * OH * OW one-pixel rows ({@link #lineBuffer}): two pixels, one being written while the other is
   * read (and replayed), instead of two or three input rows; a few more behind a decimating stage
   * ({@link #pointwisePixels}).
   */
  public boolean pointwise() {
    return pointwise(geometry);
  }

  private static boolean pointwise(WindowGeometry g) {
    return g.kernelH() == 1 && g.kernelW() == 1;
  }

  /**
   * Whether the input passes a decimating stage first: a strided pointwise window keeps only the
   * pixels on the stride grid (rows and columns 0, s, 2s, ..) and drops the rest as they arrive.
   */
  public boolean decimates() {
    return pointwise() && (geometry.strideH() > 1 || geometry.strideW() > 1);
  }

  /**
   * The window the line buffer is built for: itself, or for a pointwise window (unless it already
   * reads a one-pixel-wide, unstrided input) the same window over an OH*OW x 1 column of the
   * pixels it reads, after the decimating stage. Same words out, in the same order.
   */
  public SlidingWindowConfig lineBuffer() {
    if (!pointwise() || (input.w() == 1 && !decimates())) {
      return this;
    }
    return new SlidingWindowConfig(new Shape(outputH() * outputW(), 1, input.c()), lanes,
        WindowGeometry.square(1, 1, 0), groups, replays, style, mmv, kernelRow);
  }

  static int bufferRowsFor(Shape input, WindowGeometry g) {
    int h = input.h();
    int oh = g.outputH(h);
    int lastRowOfFirstWindow = Math.min(h - 1, g.kernelH() - 1 - g.padding().top());
    int firstRowOfLastWindow = Math.max(0, (oh - 1) * g.strideH() - g.padding().top());
    return Math.max(g.kernelH() + g.strideH(), h + lastRowOfFirstWindow - firstRowOfLastWindow + 1);
  }

  public int bufferDepth() {
    return bufferRows() * lineBuffer().input.w() * wordsPerPixel();
  }

  /** Bits of a line buffer word (one input word). */
  public int wordBits() {
    return lanes * Widths.INT8;
  }

  public TensorStream inputStream() {
    return new TensorStream("s_axis", input, lanes);
  }

  /**
   * The window stream as a tensor: OH x OW pixels of groups * replays * kh * kw * C / groups
   * channels; with mmv, OH x OW/mmv groups of mmv times that, mmv * lanes per word; with a kernel
   * row per word, kw * lanes per word.
   */
  public TensorStream outputStream() {
    long channels = outputWordsPerPixel() * wordLanes();
    if (channels > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("sliding window: " + channels + " output channels per pixel is too many");
    }
    return new TensorStream("m_axis", new Shape(outputH(), outputGroupsW(), (int) channels), wordLanes());
  }

  @Override
  public String moduleName() {
    return "window_" + input.h() + "x" + input.w() + "x" + input.c() + "_l" + lanes + "_" + geometry.describe()
        + (groups > 1 ? "_g" + groups : "") + (replays > 1 ? "_r" + replays : "") + (mmv > 1 ? "_mmv" + mmv : "") + (kernelRow ? "_row" : "") + "_"
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
    return List.of(inputWordsBeforeFirstWindow(input, lanes, geometry, mmv));
  }

  /** With mmv, the first group's rightmost window ((mmv - 1) strides right of the first) decides. */
  static long inputWordsBeforeFirstWindow(Shape input, int lanes, WindowGeometry g, int mmv) {
    long lastRow = Math.min(input.h() - 1, g.kernelH() - 1 - g.padding().top());
    long lastColumn = Math.min(input.w() - 1,
        (long) (mmv - 1) * g.strideW() + g.kernelW() - 1 - g.padding().left());
    return (lastRow * input.w() + lastColumn + 1) * (input.c() / lanes);
  }

  @Override
  public int macMultipliers() {
    return 0;
  }

  @Override
  public List<RequantProduct> requantProducts() {
    return List.of();
  }

  /** The line buffer (a copy per pixel of a word, {@link #lineBufferName}) and the output FIFO. */
  @Override
  public List<MemorySpec> memories() {
    List<MemorySpec> m = new java.util.ArrayList<>();
    for (int copy = 0; copy < pixelsPerWord(); copy++) {
      m.add(new MemorySpec(lineBufferName(copy), wordBits(), bufferDepth(), style));
    }
    m.add(new MemorySpec("window_fifo", outputStream().axisShape().payloadWidth(), OUTPUT_FIFO_DEPTH, lutRam(style)));
    return m;
  }

  /** {@code line_buffer}, or {@code line_buffer_b<copy>} for the copies of {@link #pixelsPerWord} (counted like a word's banks). */
  public String lineBufferName(int copy) {
    return pixelsPerWord() == 1 ? "line_buffer" : "line_buffer_b" + copy;
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
