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
import org.shardwire.blocks.engines.window.SlidingWindowConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.blocks.mac.LaneMacArrayConfig;
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.golden.VectorFile;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Shape;

/**
 * A depthwise conv engine (groups = Cin = Cout, one filter per channel): SIMD channels in
 * parallel, each with its own multiplier and accumulator; SIMD is any divisor of C up to 16
 * ({@link #simdFits}). Per output pixel and channel group of
 * SIMD, the window unit emits that group's Kh * Kw words, so II = OH * OW * (C/SIMD) * Kh * Kw
 * (or the input's H * W * C/SIMD words, if more).
 *
 * <p>As for {@link ConvEngineConfig}, every figure the planner reads comes from the shapes and the
 * folding, never from the weights' values.
 *
 * @param weights int8, [C][Kh][Kw] (OHWI with one input channel per group)
 * @param paramStyle memory for the requantizer's parameter ROM
 */
public record DepthwiseConvEngineConfig(Shape input, WindowGeometry geometry, int simd, ConvWeights weights,
                                        RequantTable requant, RamStyle weightStyle, RamStyle bufferStyle,
                                        RamStyle paramStyle)
    implements EngineConfig {

  /** With the parameter ROM in the weights' vendor's LUT RAM. */
  public DepthwiseConvEngineConfig(Shape input, WindowGeometry geometry, int simd, byte[] weights,
                                   RequantTable requant, RamStyle weightStyle, RamStyle bufferStyle) {
    this(input, geometry, simd, ConvWeights.copyOf(weights), requant, weightStyle, bufferStyle,
        SlidingWindowConfig.lutRam(weightStyle));
  }

  public DepthwiseConvEngineConfig {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(geometry, "geometry");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(requant, "requant");
    Objects.requireNonNull(weightStyle, "weightStyle");
    Objects.requireNonNull(bufferStyle, "bufferStyle");
    Objects.requireNonNull(paramStyle, "paramStyle");
    String what = "depthwise conv engine (" + input + ", " + geometry.describe() + ")";
    if (!simdFits(input.c(), simd)) {
      throw new IllegalArgumentException(what + ": SIMD must divide the " + input.c() + " channels and be at most "
          + LaneMacArrayConfig.MAX_LANES + " (one of " + simds(input.c()) + "); got " + simd);
    }
    if (!geometry.fits(input)) {
      throw new IllegalArgumentException(what + ": the window does not fit the input");
    }
    long expected = (long) input.c() * geometry.kernelArea();
    if (weights.length() != expected) {
      throw new IllegalArgumentException(what + ": needs " + expected + " weights ([C][Kh][Kw] = " + input.c() + "x"
          + geometry.kernelH() + "x" + geometry.kernelW() + "), got " + weights.length());
    }
    if (requant.channels() != input.c()) {
      throw new IllegalArgumentException(what + ": needs requant parameters for " + input.c() + " channels, got "
          + requant.channels());
    }
  }

  /**
   * Whether the engine takes {@code simd} of {@code channels} channels per beat: any divisor up to
   * {@link LaneMacArrayConfig#MAX_LANES}, not only a power of two. Its lanes never meet (one
   * multiplier and accumulator per channel), so a channel count such as 25 (ShuffleNet g2's
   * bottleneck split over two boards) can run 5 or 25 channels at once instead of 1.
   */
  public static boolean simdFits(int channels, int simd) {
    return simd >= 1 && simd <= LaneMacArrayConfig.MAX_LANES && channels % simd == 0;
  }

  /** Every SIMD width {@link #simdFits} allows for {@code channels}, ascending. */
  public static List<Integer> simds(int channels) {
    return Widths.divisorsUpTo(channels, LaneMacArrayConfig.MAX_LANES);
  }

  public int channels() {
    return input.c();
  }

  public Shape outputShape() {
    return new Shape(geometry.outputH(input.h()), geometry.outputW(input.w()), input.c());
  }

  /** Channel groups of SIMD: the output words per pixel. */
  public int channelGroups() {
    return input.c() / simd;
  }

  public SlidingWindowConfig window() {
    return new SlidingWindowConfig(input, simd, geometry, channelGroups(), 1, bufferStyle);
  }

  /** Weight word at (group cg, position ky*Kw + kx): lane l = w[cg*SIMD + l][ky][kx]. */
  public List<BigInteger> weightWords() {
    int area = geometry.kernelArea();
    List<BigInteger> words = new ArrayList<>(channelGroups() * area);
    long[] lanes = new long[simd];
    for (int g = 0; g < channelGroups(); g++) {
      for (int t = 0; t < area; t++) {
        for (int l = 0; l < simd; l++) {
          lanes[l] = weights.get((g * simd + l) * area + t);
        }
        words.add(VectorFile.packLanes(lanes, Widths.INT8));
      }
    }
    return words;
  }

  /** Weight memory words: one per channel group and kernel position (at least 2). */
  public int weightDepth() {
    return Math.max(2, channelGroups() * geometry.kernelArea());
  }

  public WeightBufferConfig weightBuffer() {
    return new WeightBufferConfig(simd * Widths.INT8, weightDepth(), weightStyle, weightWords());
  }

  /** The requantizer stage as built: its SIMD lanes shared in time over the Kh * Kw beats of a window. */
  public RequantizerConfig requantizer() {
    Shape out = outputShape();
    return new RequantizerConfig(simd, channelGroups(), requant, (long) out.h() * out.w() * channelGroups(),
        paramStyle).sharedBy(RequantizerConfig.largestShare(simd, geometry.kernelArea()));
  }

  MacEngine.Parts parts() {
    return new MacEngine.Parts(moduleName(), inputs().get(0), outputs().get(0), window(), weightBuffer(),
        channelGroups() * geometry.kernelArea(), geometry.kernelArea(), null, new LaneMacArrayConfig(simd),
        requantizer(), 1);
  }

  public String contentHash() {
    ContentHash h = new ContentHash().text(input + " " + geometry + " " + simd + " " + weightStyle + " " + bufferStyle
        + (paramStyle == SlidingWindowConfig.lutRam(weightStyle) ? "" : " " + paramStyle));
    weights.hashInto(h);
    return h.text(requant.contentHash()).hex(12);
  }

  @Override
  public String moduleName() {
    return "dwconv_" + geometry.describe() + "_i" + input.h() + "x" + input.w() + "x" + input.c() + "_simd" + simd
        + "_" + contentHash().substring(0, 8);
  }

  @Override
  public List<TensorStream> inputs() {
    return List.of(new TensorStream("s_axis", input, simd));
  }

  @Override
  public List<TensorStream> outputs() {
    return List.of(new TensorStream("m_axis", outputShape(), simd));
  }

  /** {@code max(OH * OW * (C/SIMD) * Kh * Kw, H * W * C / SIMD)}. */
  @Override
  public long cyclesPerFrame() {
    Shape out = outputShape();
    long mac = (long) out.h() * out.w() * channelGroups() * geometry.kernelArea();
    long in = (long) input.h() * input.w() * channelGroups();
    return Math.max(mac, in);
  }

  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return window().inputWordsBeforeFirstOutput();
  }

  @Override
  public int macMultipliers() {
    return simd;
  }

  @Override
  public List<RequantProduct> requantProducts() {
    return requantizer().products();
  }

  /** Line buffer and window FIFO, weights, the requantizer's parameter ROM and FIFO (no weight packing). */
  @Override
  public List<MemorySpec> memories() {
    List<MemorySpec> m = new ArrayList<>(window().memories());
    int weightWidth = simd * Widths.INT8;
    m.addAll(MemorySpec.banked("weights", WeightBufferConfig.banks(weightWidth, weightStyle), weightDepth(),
        weightStyle));
    m.addAll(requantizer().memories());
    return m;
  }

  @Override
  public long luts() {
    return LogicEstimate.luts(1, macMultipliers(), requantizers()) + requantizer().sharingLuts();
  }

  @Override
  public Module newModule() {
    return new DepthwiseConvEngine(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DepthwiseConvEngineConfig c && input.equals(c.input) && geometry.equals(c.geometry)
        && simd == c.simd && weights.equals(c.weights) && requant.equals(c.requant)
        && weightStyle == c.weightStyle && bufferStyle == c.bufferStyle && paramStyle == c.paramStyle;
  }

  @Override
  public int hashCode() {
    return Objects.hash(input, geometry, simd, weights, requant, weightStyle, bufferStyle, paramStyle);
  }

  @Override
  public String toString() {
    return "DepthwiseConvEngineConfig[" + moduleName() + ", weights " + weightStyle + ", buffer " + bufferStyle
        + ", content " + contentHash() + "]";
  }
}
