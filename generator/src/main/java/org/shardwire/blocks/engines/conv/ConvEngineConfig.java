package org.shardwire.blocks.engines.conv;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.ContentHash;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.RequantProduct;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.engines.routing.LaneAdapterConfig;
import org.shardwire.blocks.engines.window.SlidingWindowConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.blocks.mac.MacArrayConfig;
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.golden.VectorFile;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Shape;

/**
 * A conv engine (the MVAU of docs/engines.md): standard or grouped convolution, or a fully
 * connected layer as a conv whose window is its whole input ({@link #fullyConnected}).
 *
 * <p>Output channels are computed PE at a time: fold f = 0 .. Cout/PE - 1 covers channels
 * f*PE .. f*PE + PE - 1, all in group {@code f * PE / (Cout/g)}. Per output pixel and fold, the
 * PE x SIMD MAC array takes the window of that group's input channels, {@code Kh * Kw * (Cin/g) /
 * SIMD} beats, so the window unit replays each group's window (Cout/g)/PE times.
 *
 * <p>With {@code mmv} > 1 (FINN's MMV) the engine computes mmv horizontally adjacent output
 * pixels at once: the window emits their words side by side, mmv MAC arrays share each weight
 * word, and the mmv sums leave one pixel after the other through the one requantizer. This is the
 * parallelism a layer with few input channels (a 3-channel stem, where SIMD must divide 3) has
 * beyond PE; it needs every output channel in one fold (PE = Cout, no groups), so each pixel's
 * output is one word and the pixels leave in raster order.
 *
 * <p>SIMD may also span the kernel window ({@link #kernelRowSimd}): SIMD = Kw * Cin, one kernel row
 * a beat, for a conv with one group whose input words are whole pixels (a 3-channel stem: SIMD 21
 * for a 7x7 kernel, 9 for 3x3). The window then emits a kernel row per word and the weights are
 * laid out in the same order, since a kernel row is Kw * Cin contiguous OHWI weights. This fills the
 * gap between PE = Cout at channel SIMD (a 7x7 stem: 192 MACs) and MMV 2 (384).
 *
 * <p>Or SIMD may span the flattened window ({@link #windowSimd}): any SIMD up to {@link
 * Widths#MAX_MAC_SIMD} dividing Kh * Kw * Cin (one group, mmv 1). The window reads {@link
 * #inputLanes()} channels a word (the fewest dividing Cin that are at least SIMD), and when that is
 * not SIMD itself a lane adapter ({@link #regroup()}) cuts each window's words, a run of Kh * Kw *
 * Cin activations in OHWI order, into SIMD-lane beats, some of them straddling two pixels; the
 * weights are the same run, so their rule is unchanged. This gives the 3x3 convs of 64 x 2^k
 * channels fold steps channel SIMD lacks: 64 -> 64 at PE 8 x SIMD 24 takes 192 cycles a pixel on
 * 192 MACs, where channel SIMD 16 jumps from 216 (PE 11, 176 MACs) to 180 (PE 13, 208).
 *
 * <p>PE need not divide Cout (one group, mmv 1): the
 * engine then computes ceil(Cout/PE) whole folds, the last one's lanes past Cout with zero weights
 * and zero M, and a lane adapter leaves those pad channels out and regroups the rest into words of
 * {@link #outputLanes()} channels (docs/engines.md, "Padded folds"). That gives the planner a
 * parallelism for every fold count, not only the divisors of Cout: ResNet-50's 64 x 2^k channels
 * alone would step the II by factors of two.
 *
 * <p>Its cycles, fill latency, memories, multipliers and logic are computed from the shapes and
 * the folding only (never from the weights' values), so the planner builds one per folding it
 * weighs and reads them; the weights are shared ({@link ConvWeights}) and packed only when the
 * hardware is built.
 *
 * @param weights int8, OHWI: [Cout][Kh][Kw][Cin/g] (a fully connected layer's [out][H*W*C] in
 *     NHWC order is the same array)
 * @param weightStyle memory for the weights (and the LUT-RAM family of the FIFOs)
 * @param bufferStyle memory for the line buffer
 * @param paramStyle memory for the requantizer's parameter ROM
 * @param mmv output pixels computed at once (1, or a divisor of OW with PE = Cout and one group)
 * @param packedMacs two int8 MACs per DSP48E2 multiply (Xilinx only, WP487; PE even): the MAC
 *     array's PE pairs share each activation ({@link MacArrayConfig#packed}), half a multiplier per MAC
 */
public record ConvEngineConfig(Shape input, int outChannels, WindowGeometry geometry, int groups, int pe, int simd,
                               ConvWeights weights, RequantTable requant, RamStyle weightStyle, RamStyle bufferStyle,
                               RamStyle paramStyle, int mmv, boolean packedMacs)
    implements EngineConfig {

  /** One multiplier per MAC. */
  public ConvEngineConfig(Shape input, int outChannels, WindowGeometry geometry, int groups, int pe, int simd,
                          ConvWeights weights, RequantTable requant, RamStyle weightStyle, RamStyle bufferStyle,
                          RamStyle paramStyle, int mmv) {
    this(input, outChannels, geometry, groups, pe, simd, weights, requant, weightStyle, bufferStyle, paramStyle, mmv,
        false);
  }

  /** One output pixel at a time. */
  public ConvEngineConfig(Shape input, int outChannels, WindowGeometry geometry, int groups, int pe, int simd,
                          ConvWeights weights, RequantTable requant, RamStyle weightStyle, RamStyle bufferStyle,
                          RamStyle paramStyle) {
    this(input, outChannels, geometry, groups, pe, simd, weights, requant, weightStyle, bufferStyle, paramStyle, 1);
  }

  /** With the parameter ROM in the weights' vendor's LUT RAM. */
  public ConvEngineConfig(Shape input, int outChannels, WindowGeometry geometry, int groups, int pe, int simd,
                          byte[] weights, RequantTable requant, RamStyle weightStyle, RamStyle bufferStyle) {
    this(input, outChannels, geometry, groups, pe, simd, ConvWeights.copyOf(weights), requant, weightStyle,
        bufferStyle, SlidingWindowConfig.lutRam(weightStyle));
  }

  public ConvEngineConfig {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(geometry, "geometry");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(requant, "requant");
    Objects.requireNonNull(weightStyle, "weightStyle");
    Objects.requireNonNull(bufferStyle, "bufferStyle");
    Objects.requireNonNull(paramStyle, "paramStyle");
    String what = "conv engine (" + input + " -> " + outChannels + " channels, " + geometry.describe() + ")";
    if (outChannels < 1 || groups < 1 || input.c() % groups != 0 || outChannels % groups != 0) {
      throw new IllegalArgumentException(what + ": groups must divide both the " + input.c() + " input and the "
          + outChannels + " output channels; got " + groups);
    }
    int inPerGroup = input.c() / groups;
    int outPerGroup = outChannels / groups;
    if ((!Widths.isConvSimd(simd) || inPerGroup % simd != 0) && !kernelRowSimd(input.c(), geometry.kernelW(), groups, simd, mmv)
        && !windowSimd(input.c(), geometry.kernelH(), geometry.kernelW(), groups, simd, mmv)) {
      throw new IllegalArgumentException(what + ": SIMD must be in 1.." + Widths.MAX_CONV_SIMD + " and divide the " + inPerGroup
          + " input channels per group, or (one group, mmv 1, input words of whole pixels) span a kernel row: "
          + geometry.kernelW() + " x " + inPerGroup + " = " + geometry.kernelW() * inPerGroup + ", or (one group, mmv 1)"
          + " be at most " + Widths.MAX_MAC_SIMD + " and divide the window's " + geometry.kernelArea() * inPerGroup
          + " values with a divisor of the channels from SIMD to " + TensorStream.MAX_LANES
          + " for the window to read; got " + simd);
    }
    if (pe < 1 || pe > MacArrayConfig.MAX_PE || (outPerGroup % pe != 0 && !paddedPeFits(outChannels, groups, pe, mmv))) {
      throw new IllegalArgumentException(what + ": PE must be in 1.." + MacArrayConfig.MAX_PE + " and divide the "
          + outPerGroup + " output channels per group, or (one group, mmv 1) be below them; got " + pe);
    }
    if (!geometry.fits(input)) {
      throw new IllegalArgumentException(what + ": the window does not fit the input");
    }
    long expected = (long) outChannels * geometry.kernelArea() * inPerGroup;
    if (weights.length() != expected) {
      throw new IllegalArgumentException(what + ": needs " + expected + " weights (OHWI " + outChannels + "x"
          + geometry.kernelH() + "x" + geometry.kernelW() + "x" + inPerGroup + "), got " + weights.length());
    }
    if (requant.channels() != outChannels) {
      throw new IllegalArgumentException(what + ": needs requant parameters for " + outChannels
          + " output channels, got " + requant.channels());
    }
    if (mmv != 1 && !mmvFits(input, outChannels, geometry, groups, pe, simd, mmv)) {
      throw new IllegalArgumentException(what + ": mmv " + mmv + " needs PE = the " + outChannels
          + " output channels, one group, a window wider than 1x1 and mmv dividing the "
          + geometry.outputW(input.w()) + " output columns with mmv x SIMD <= " + TensorStream.MAX_LANES);
    }
    if (packedMacs && pe % 2 != 0) {
      throw new IllegalArgumentException(what + ": two MACs per DSP pair the PEs, so PE must be even; got " + pe);
    }
    long depth = weightWords(outChannels, geometry.kernelArea(), inPerGroup, pe, simd);
    if (!WeightBufferConfig.fitsDepth(depth)) {
      throw new IllegalArgumentException(what + ": the weight buffer would need " + depth + " words (max "
          + WeightBufferConfig.MAX_DEPTH + "); raise PE or SIMD");
    }
  }

  /**
   * Words of the weight buffer at a folding: (Cout/PE) * Kh * Kw * (Cin/g) / SIMD. The planner
   * takes a folding as legal only when {@link WeightBufferConfig#fitsDepth} holds for it.
   */
  public static long weightWords(int outChannels, int kernelArea, int inChannelsPerGroup, int pe, int simd) {
    return (long) foldsOf(outChannels, pe) * kernelArea * inChannelsPerGroup / simd;
  }

  /** Output folds of PE channels: Cout/PE, or one more for the pad lanes of a PE that does not divide Cout. */
  private static int foldsOf(int outChannels, int pe) {
    return (outChannels + pe - 1) / pe;
  }

  /**
   * Whether PE may leave pad lanes in the last fold: one group (so no fold straddles two groups),
   * one pixel at a time, PE below Cout. (The lane adapter that drops the pad lanes selects, for
   * each byte it holds, among the fill levels a word can land at, multiples of gcd(PE, last fold's
   * lanes, output lanes): an awkward PE costs logic, which its config counts, not legality.)
   */
  public static boolean paddedPeFits(int outChannels, int groups, int pe, int mmv) {
    return groups == 1 && mmv == 1 && pe < outChannels;
  }

  /**
   * Whether {@code simd} spans a kernel row: Kw * Cin with one group, mmv 1, a kernel wider than one
   * column, at most {@link TensorStream#MAX_LANES} lanes and more than the input's channels (else
   * it is channel SIMD). Its window reads whole pixels and emits a kernel row per word ({@link
   * SlidingWindowConfig#kernelRowFits}). The planner offers it where channel SIMD stops short.
   */
  public static boolean kernelRowSimd(int inChannels, int kernelW, int groups, int simd, int mmv) {
    return groups == 1 && mmv == 1 && simd > inChannels && simd == kernelW * inChannels
        && SlidingWindowConfig.kernelRowFits(inChannels, inChannels, kernelW);
  }

  /** Whether this engine's SIMD spans a kernel row ({@link #kernelRowSimd}). */
  public boolean kernelRow() {
    return kernelRowSimd(input.c(), geometry.kernelW(), groups, simd, mmv);
  }

  /**
   * Whether {@code simd} spans the flattened window: one group, mmv 1, at most {@link
   * Widths#MAX_MAC_SIMD} lanes dividing the window's Kh * Kw * Cin values, not a channel SIMD, and
   * some divisor of Cin from SIMD to {@link TensorStream#MAX_LANES} for the window to read at
   * ({@link #windowLanes}), so the window keeps up with the MAC array. That divisor makes SIMD at
   * most Cin, so it is never a kernel row (which is wider than Cin).
   */
  public static boolean windowSimd(int inChannels, int kernelH, int kernelW, int groups, int simd, int mmv) {
    boolean channelSimd = Widths.isConvSimd(simd) && inChannels % simd == 0;
    return groups == 1 && mmv == 1 && Widths.isMacSimd(simd) && !channelSimd
        && (long) kernelH * kernelW * inChannels % simd == 0 && windowLanes(inChannels, simd) > 0;
  }

  /** The fewest channels dividing {@code inChannels} that are at least {@code simd}, up to {@link TensorStream#MAX_LANES}; 0 if none. */
  static int windowLanes(int inChannels, int simd) {
    for (int lanes = simd; lanes <= Math.min(inChannels, TensorStream.MAX_LANES); lanes++) {
      if (inChannels % lanes == 0) {
        return lanes;
      }
    }
    return 0;
  }

  /** Whether this engine's SIMD spans the flattened window ({@link #windowSimd}). */
  public boolean spansWindow() {
    return windowSimd(input.c(), geometry.kernelH(), geometry.kernelW(), groups, simd, mmv);
  }

  /** Lanes of an input word: SIMD, a whole pixel when SIMD spans a kernel row, or {@link #windowLanes} when it spans the window. */
  public int inputLanes() {
    if (kernelRow()) {
      return input.c();
    }
    return spansWindow() ? windowLanes(input.c(), simd) : simd;
  }

  /**
   * The lane adapter that cuts the window's words into SIMD-lane beats, or null when the window
   * emits beats as they are. Each window is one run of Kh * Kw * Cin values (a "pixel" to the
   * adapter), emitted once per fold; both word sizes divide it, so no beat crosses two windows.
   */
  public LaneAdapterConfig regroup() {
    if (!spansWindow() || inputLanes() == simd) {
      return null;
    }
    Shape out = outputShape();
    return new LaneAdapterConfig(new Shape(out.h() * out.w(), folds(), geometry.kernelArea() * input.c()), inputLanes(),
        simd);
  }

  /**
   * Whether a conv can compute {@code mmv} output pixels at once: every output channel in one fold
   * (PE = Cout, one group) so each pixel leaves as one word, and a window that can emit mmv pixels
   * per word ({@link SlidingWindowConfig#mmvFits}). The planner offers mmv only where this holds.
   */
  public static boolean mmvFits(Shape input, int outChannels, WindowGeometry geometry, int groups, int pe, int simd,
                                int mmv) {
    return mmv == 1 || (groups == 1 && pe == outChannels && SlidingWindowConfig.mmvFits(input, simd, geometry, mmv));
  }

  /** A fully connected layer: weights [out][H*W*C] in NHWC order, a window over the whole input. */
  public static ConvEngineConfig fullyConnected(Shape input, int outFeatures, int pe, int simd, byte[] weights,
                                                RequantTable requant, RamStyle weightStyle, RamStyle bufferStyle) {
    return new ConvEngineConfig(input, outFeatures, WindowGeometry.whole(input), 1, pe, simd, weights, requant,
        weightStyle, bufferStyle);
  }

  /** A fully connected layer with every memory's style given. */
  public static ConvEngineConfig fullyConnected(Shape input, int outFeatures, int pe, int simd, ConvWeights weights,
                                                RequantTable requant, RamStyle weightStyle, RamStyle bufferStyle,
                                                RamStyle paramStyle) {
    return fullyConnected(input, outFeatures, pe, simd, weights, requant, weightStyle, bufferStyle, paramStyle, false);
  }

  /** A fully connected layer with every memory's style given, its MACs packed two per DSP or not. */
  public static ConvEngineConfig fullyConnected(Shape input, int outFeatures, int pe, int simd, ConvWeights weights,
                                                RequantTable requant, RamStyle weightStyle, RamStyle bufferStyle,
                                                RamStyle paramStyle, boolean packedMacs) {
    return new ConvEngineConfig(input, outFeatures, WindowGeometry.whole(input), 1, pe, simd, weights, requant,
        weightStyle, bufferStyle, paramStyle, 1, packedMacs);
  }

  public boolean isFullyConnected() {
    return groups == 1 && geometry.equals(WindowGeometry.whole(input));
  }

  public Shape outputShape() {
    return new Shape(geometry.outputH(input.h()), geometry.outputW(input.w()), outChannels);
  }

  public int inChannelsPerGroup() {
    return input.c() / groups;
  }

  public int outChannelsPerGroup() {
    return outChannels / groups;
  }

  /** Output folds: words of PE channels per output pixel (the last one padded when PE does not divide Cout). */
  public int folds() {
    return foldsOf(outChannels, pe);
  }

  /** Channels the folds compute: Cout and the pad lanes of the last fold. */
  public int computedChannels() {
    return folds() * pe;
  }

  /** Pad lanes of the last fold: 0 when PE divides Cout. */
  public int padLanes() {
    return computedChannels() - outChannels;
  }

  /**
   * Channels per output word: PE, or with pad lanes the most channels up to PE that divide Cout
   * (the word the lane adapter that drops the pad lanes regroups into).
   */
  public int outputLanes() {
    List<Integer> lanes = Widths.divisorsUpTo(outChannels, pe);
    return lanes.get(lanes.size() - 1);
  }

  /** The lane adapter that drops the pad lanes, or null when PE divides Cout. */
  public LaneAdapterConfig padDrop() {
    return padLanes() == 0 ? null : new LaneAdapterConfig(outputShape(), pe, outputLanes(), padLanes());
  }

  /** MAC beats per output word: Kh * Kw * (Cin/g) / SIMD. */
  public int beatsPerWindow() {
    return geometry.kernelArea() * inChannelsPerGroup() / simd;
  }

  public SlidingWindowConfig window() {
    return new SlidingWindowConfig(input, inputLanes(), geometry, groups, folds() / groups, bufferStyle, mmv,
        kernelRow());
  }

  /**
   * Weight word at fold f, beat b: lane p*SIMD + l = weight b*SIMD + l of output channel f*PE+p in
   * OHWI order, 0 for a pad lane (f*PE+p >= Cout). With channel SIMD beat b = (ky*Kw + kx) *
   * (Cin/g/SIMD) + w covers w[..][ky][kx][w*SIMD ..]; with SIMD spanning a kernel row beat b = ky
   * covers w[..][ky][0..Kw-1][0..Cin-1]: both are the window's words in its order.
   */
  public List<BigInteger> weightWords() {
    int perChannel = geometry.kernelArea() * inChannelsPerGroup();
    List<BigInteger> words = new ArrayList<>(folds() * beatsPerWindow());
    long[] lanes = new long[pe * simd];
    for (int f = 0; f < folds(); f++) {
      for (int b = 0; b < beatsPerWindow(); b++) {
        for (int p = 0; p < pe; p++) {
          int o = f * pe + p;
          for (int l = 0; l < simd; l++) {
            lanes[p * simd + l] = o < outChannels ? weights.get(o * perChannel + b * simd + l) : 0;
          }
        }
        words.add(VectorFile.packLanes(lanes, Widths.INT8));
      }
    }
    return words;
  }

  /** Weight memory words: one per MAC beat of every fold (at least 2, so the RAM has an address bit). */
  public int weightDepth() {
    return Math.max(2, folds() * beatsPerWindow());
  }

  public WeightBufferConfig weightBuffer() {
    return new WeightBufferConfig(pe * simd * Widths.INT8, weightDepth(), weightStyle, weightWords());
  }

  /**
   * The requantizer stage as built: its PE lanes shared in time by as many lane groups as the
   * cycles between two sum words allow (a window's beats, mmv windows at once; docs/engines.md,
   * "Shared requantizers").
   */
  public RequantizerConfig requantizer() {
    Shape out = outputShape();
    return new RequantizerConfig(pe, folds(), requant.paddedTo(computedChannels()), (long) out.h() * out.w() * folds(),
        paramStyle)
        .sharedBy(RequantizerConfig.largestShare(pe, beatsPerWindow() / mmv));
  }

  MacEngine.Parts parts() {
    return new MacEngine.Parts(moduleName(), inputs().get(0), outputs().get(0), window(), regroup(), weightBuffer(),
        folds() * beatsPerWindow(), beatsPerWindow(), mac(), null, requantizer(), mmv, padDrop());
  }

  /** One MAC array (mmv of them with MMV): PE x SIMD, packed two MACs per DSP or not. */
  public MacArrayConfig mac() {
    return new MacArrayConfig(simd, pe, packedMacs);
  }

  public String contentHash() {
    ContentHash h = new ContentHash().text(input + " " + outChannels + " " + geometry + " " + groups + " " + pe + " "
        + simd + " " + weightStyle + " " + bufferStyle + (paramStyle == SlidingWindowConfig.lutRam(weightStyle) ? ""
        : " " + paramStyle) + (mmv > 1 ? " mmv" + mmv : "") + (packedMacs ? " dsp2" : ""));
    weights.hashInto(h);
    return h.text(requant.contentHash()).hex(12);
  }

  @Override
  public String moduleName() {
    return (isFullyConnected() ? "fc" : "conv") + "_" + geometry.describe() + (groups > 1 ? "_g" + groups : "")
        + "_i" + input.h() + "x" + input.w() + "x" + input.c() + "_o" + outChannels + "_pe" + pe + "_simd" + simd
        + (mmv > 1 ? "_mmv" + mmv : "") + (packedMacs ? "_dsp2" : "") + "_" + contentHash().substring(0, 8);
  }

  @Override
  public List<TensorStream> inputs() {
    return List.of(new TensorStream("s_axis", input, inputLanes()));
  }

  @Override
  public List<TensorStream> outputs() {
    return List.of(new TensorStream("m_axis", outputShape(), outputLanes()));
  }

  /**
   * {@code max(OH * OW/mmv * (Cout/PE) * Kh * Kw * (Cin/g) / SIMD, H * W * Cin / SIMD, OH * OW *
   * Cout/PE)}: the MAC arrays take one beat per cycle, the input arrives at one word per cycle
   * (which bounds e.g. a 1x1 stride-2 conv, whose windows skip three quarters of its input, or a
   * 3-channel stem at SIMD 1), and the requantizer takes one slice of a sum word per cycle (which
   * bounds only an mmv engine whose window is shorter than mmv beats: it shares no requantizer);
   * with pad lanes, also the lane adapter that drops them (a word in and a word out a cycle), and
   * with SIMD across the window the one that regroups its words (never the slowest: the window reads
   * at least SIMD lanes, so it gives a beat a cycle).
   */
  @Override
  public long cyclesPerFrame() {
    Shape out = outputShape();
    long mac = (long) out.h() * (out.w() / mmv) * folds() * beatsPerWindow();
    long in = (long) input.h() * input.w() * input.c() / inputLanes();
    long emitted = (long) out.h() * out.w() * folds() * requantizer().share();
    LaneAdapterConfig drop = padDrop();
    long dropped = drop == null ? 0 : drop.cyclesPerFrame();
    LaneAdapterConfig regroup = regroup();
    long regrouped = regroup == null ? 0 : regroup.cyclesPerFrame();
    return Math.max(Math.max(Math.max(mac, in), Math.max(emitted, dropped)), regrouped);
  }

  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return window().inputWordsBeforeFirstOutput();
  }

  /** int8 MACs per cycle: mmv arrays of PE x SIMD. */
  public int macs() {
    return mmv * pe * simd;
  }

  /** Multiplier units of the MAC arrays: one per MAC, half a DSP48E2 per MAC when packed. */
  @Override
  public int macMultipliers() {
    return mmv * mac().multipliers();
  }

  @Override
  public List<RequantProduct> requantProducts() {
    return requantizer().products();
  }

  /** Line buffer and window FIFO, weights, the requantizer's parameter ROM and FIFO (no weight packing). */
  @Override
  public List<MemorySpec> memories() {
    List<MemorySpec> m = new ArrayList<>(window().memories());
    int weightWidth = pe * simd * Widths.INT8;
    m.addAll(MemorySpec.banked("weights", WeightBufferConfig.banks(weightWidth, weightStyle), weightDepth(),
        weightStyle));
    m.addAll(requantizer().memories());
    return m;
  }

  @Override
  public long luts() {
    return lutsWith(requantizer());
  }

  /** The engine's logic with its sums requantized by {@code stage} (how the tiled engine counts its own). */
  public long lutsWith(RequantizerConfig stage) {
    LaneAdapterConfig drop = padDrop();
    LaneAdapterConfig regroup = regroup();
    return LogicEstimate.luts(1, 0, stage.requantizers()) + LogicEstimate.macLuts(macs(), packedMacs)
        + LogicEstimate.serializerLuts(mmv > 1 ? (long) mmv * pe * Widths.INT32 : 0) + stage.sharingLuts()
        + (drop == null ? 0 : drop.luts()) + (regroup == null ? 0 : regroup.luts());
  }

  @Override
  public Module newModule() {
    return new ConvEngine(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvEngineConfig c && input.equals(c.input) && outChannels == c.outChannels
        && geometry.equals(c.geometry) && groups == c.groups && pe == c.pe && simd == c.simd
        && weights.equals(c.weights) && requant.equals(c.requant) && weightStyle == c.weightStyle
        && bufferStyle == c.bufferStyle && paramStyle == c.paramStyle && mmv == c.mmv && packedMacs == c.packedMacs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(input, outChannels, geometry, groups, pe, simd, weights, requant, weightStyle, bufferStyle,
        paramStyle, mmv, packedMacs);
  }

  /** Short and content-addressed: used in file headers' config hashes. */
  @Override
  public String toString() {
    return "ConvEngineConfig[" + moduleName() + ", weights " + weightStyle + ", buffer " + bufferStyle + ", content "
        + contentHash() + "]";
  }
}
