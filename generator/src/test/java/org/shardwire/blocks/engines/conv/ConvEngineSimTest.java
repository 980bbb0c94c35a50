package org.shardwire.blocks.engines.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;
import org.shardwire.plan.ConvEngines;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QFullyConnected;
import org.shardwire.sim.SimResult;

/**
 * The conv engine (standard, grouped, fully connected) bit-exact against the golden model
 * ({@code Int8Inference}) on random layers and on real zoo layers: frames back to back under
 * random back-pressure, then the measured frame spacing without back-pressure against
 * {@code cyclesPerFrame()}.
 */
class ConvEngineSimTest {
  static final RamStyle BRAM = RamStyle.XILINX_BLOCK;

  /** input, out channels, kh, kw, sh, sw, padding, groups, pe, simd. */
  static Stream<Arguments> sweep() {
    return Stream.of(
        Arguments.of(Shape.of(7, 6, 8), 12, 3, 3, 1, 1, Padding.uniform(1), 1, 4, 4),
        Arguments.of(Shape.of(9, 9, 8), 8, 5, 5, 2, 2, Padding.uniform(2), 2, 2, 2),
        // SIMD 5, not a power of two: 25 input channels per group, as ShuffleNet g2's stage 2
        Arguments.of(Shape.of(5, 6, 50), 10, 1, 1, 1, 1, Padding.NONE, 2, 5, 5),
        // PE 7 not dividing 20 channels: 3 folds, 1 pad lane dropped, words of 5 channels out (the
        // drop's fill levels step by gcd(7, 6, 5) = 1)
        Arguments.of(Shape.of(7, 6, 8), 20, 3, 3, 1, 1, Padding.uniform(1), 1, 7, 4));
  }

  static Stream<Arguments> slowSweep() {
    return Stream.of(
        Arguments.of(Shape.of(8, 7, 12), 12, 1, 1, 1, 1, Padding.NONE, 3, 2, 4),
        Arguments.of(Shape.of(11, 10, 4), 6, 7, 7, 2, 2, Padding.uniform(3), 1, 3, 2),
        Arguments.of(Shape.of(8, 8, 16), 16, 1, 1, 2, 2, Padding.NONE, 1, 16, 16),
        Arguments.of(Shape.of(6, 9, 6), 4, 3, 5, 2, 1, new Padding(1, 2, 0, 1), 2, 1, 1),
        Arguments.of(Shape.of(5, 5, 32), 64, 3, 3, 1, 1, Padding.uniform(1), 4, 8, 8),
        Arguments.of(Shape.of(6, 6, 4), 2, 3, 3, 1, 1, Padding.NONE, 1, 1, 4),
        Arguments.of(Shape.of(9, 7, 2), 8, 5, 3, 1, 2, new Padding(2, 1, 2, 0), 2, 4, 1));
  }

  @ParameterizedTest(name = "{0} -> {1}: k{2}x{3} s{4}x{5} {6} g{7} pe{8} simd{9}")
  @MethodSource("sweep")
  void randomLayerIsBitExact(Shape input, int out, int kh, int kw, int sh, int sw, Padding pad, int groups, int pe,
                             int simd) {
    checkRandom(input, out, kh, kw, sh, sw, pad, groups, pe, simd);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0} -> {1}: k{2}x{3} s{4}x{5} {6} g{7} pe{8} simd{9}")
  @MethodSource("slowSweep")
  void widerSweepIsBitExact(Shape input, int out, int kh, int kw, int sh, int sw, Padding pad, int groups, int pe,
                            int simd) {
    checkRandom(input, out, kh, kw, sh, sw, pad, groups, pe, simd);
  }

  private static void checkRandom(Shape input, int out, int kh, int kw, int sh, int sw, Padding pad, int groups,
                                  int pe, int simd) {
    Random rnd = new Random(input.hashCode() * 131L + out * 17L + kh + groups * 7L + pe * 3L + simd);
    Int8Layers.OneLayer layer = Int8Layers.randomConv(input, out, kh, kw, sh, sw, pad, groups, rnd);
    ConvEngineConfig c = ConvEngines.conv((QConv) layer.layer(), input, pe, simd, BRAM, BRAM);
    List<Int8Tensor> frames = EngineSim.randomFrames(input, 4, rnd);
    check("conv/" + c.moduleName(), c, frames, layer.run(frames));
  }

  @Test
  void fullyConnectedOverAFeatureMapIsBitExact() {
    // FC straight on a 3x2x8 map: the window is the whole input, weights [out][h][w][c].
    Random rnd = new Random(99);
    Shape input = Shape.of(3, 2, 8);
    Int8Layers.OneLayer layer = Int8Layers.randomFullyConnected(input, 10, rnd);
    ConvEngineConfig c = ConvEngines.fullyConnected((QFullyConnected) layer.layer(), input, 5, 4, BRAM, BRAM);
    assertTrue(c.isFullyConnected());
    assertTrue(c.moduleName().startsWith("fc_k3x2_s1_i3x2x8_o10_pe5_simd4_"), c.moduleName());
    List<Int8Tensor> frames = EngineSim.randomFrames(input, 4, rnd);
    List<Int8Tensor> expected = layer.run(frames);
    String name = "fc/" + c.moduleName();
    check(name, c, frames, expected);

    // The comparison is live: one wrong expected value fails the run (same build, cached).
    byte[] wrong = expected.get(1).data();
    wrong[7] ^= 1;
    List<Int8Tensor> corrupted = List.of(expected.get(0), Int8Tensor.activation(expected.get(1).shape(), wrong));
    SimResult bad = EngineSim.simulate(name + "/corrupted", EngineSim.emit(name, c), c,
        vectors(c, frames.subList(0, 2), corrupted), 2, EngineSim.GAP, EngineSim.STALL).result();
    assertEquals(1, bad.mismatches(), bad.failureReport());
  }

  /** resnet8-cifar layer2.0.conv1: 3x3 stride 2, pad 1, 32x32x16 -> 16x16x32, fused ReLU. */
  @Test
  void resnet8StrideTwoConvIsBitExact() {
    Int8Layers.ZooLayer z = Int8Layers.zoo("resnet8-cifar", "layer2.0.conv1.relu", 4);
    ConvEngineConfig c = ConvEngines.conv((QConv) z.layer(), z.input(), 8, 8, BRAM, BRAM);
    assertEquals(16L * 16 * 4 * 18, c.cyclesPerFrame());
    check("zoo/resnet8-layer2.0.conv1", c, z.inputs(), z.outputs());
  }

  /** shufflenet-tiny stage2.1.gconv1: 1x1 group conv, 2 groups, 8x8x48 -> 8x8x12, fused ReLU. */
  @Test
  void shufflenetGroupConvIsBitExact() {
    Int8Layers.ZooLayer z = Int8Layers.zoo("shufflenet-tiny", "stage2.1.gconv1.relu", 4);
    QConv q = (QConv) z.layer();
    assertEquals(2, q.layer().groups());
    ConvEngineConfig c = ConvEngines.conv(q, z.input(), 3, 8, BRAM, BRAM);
    check("zoo/shufflenet-stage2.1.gconv1", c, z.inputs(), z.outputs());
  }

  /** resnet8-cifar fc: 1x1x64 -> 10 after the global pool. */
  @Tag("slow")
  @Test
  void resnet8FullyConnectedIsBitExact() {
    Int8Layers.ZooLayer z = Int8Layers.zoo("resnet8-cifar", "fc", 4);
    ConvEngineConfig c = ConvEngines.fullyConnected((QFullyConnected) z.layer(), z.input(), 2, 16, BRAM, BRAM);
    check("zoo/resnet8-fc", c, z.inputs(), z.outputs());
  }

  /**
   * Several output pixels at once (MMV): the shufflenet-tiny stem as the planner folds it (SIMD 3,
   * a whole RGB pixel per word, and 2 MAC arrays on one weight stream), and a random layer whose window (2 beats) is shorter than
   * its 4 pixels and whose padding makes more output than input pixels, so the requantizer's one
   * word per cycle sets the pace.
   */
  @Test
  void severalPixelsAtOnceAreBitExact() {
    Int8Layers.ZooLayer z = Int8Layers.zoo("shufflenet-tiny", "conv1.relu", 4);
    QConv q = (QConv) z.layer();
    ConvEngineConfig one = ConvEngines.conv(q, z.input(), q.layer().outChannels(), 3, BRAM, BRAM);
    assertEquals(32L * 32 * 9, one.cyclesPerFrame()); // one RGB pixel per beat: 9 beats per window, not 27
    ConvEngineConfig c = withMmv(one, 2);
    assertEquals(2 * one.macMultipliers(), c.macMultipliers());
    assertEquals(one.cyclesPerFrame() / 2, c.cyclesPerFrame());
    check("zoo/shufflenet-tiny-conv1-simd3-mmv2", c, z.inputs(), z.outputs());

    Random rnd = new Random(41);
    Shape input = Shape.of(6, 8, 2);
    Int8Layers.OneLayer layer = Int8Layers.randomConv(input, 5, 2, 1, 1, 1, new Padding(1, 0, 1, 0), 1, rnd);
    ConvEngineConfig r = withMmv(ConvEngines.conv((QConv) layer.layer(), input, 5, 2, BRAM, BRAM), 4);
    assertEquals(7L * 8, r.cyclesPerFrame()); // one output word per cycle: not 7 * 2 * 2 beats, not 6 * 8 inputs
    List<Int8Tensor> frames = EngineSim.randomFrames(input, 4, rnd);
    check("conv/" + r.moduleName(), r, frames, layer.run(frames));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withMmv(
        ConvEngines.conv(q, z.input(), q.layer().outChannels() / 2, 1, BRAM, BRAM), 2));
    assertTrue(e.getMessage().contains("mmv 2 needs PE"), e.getMessage());
  }

  /**
   * SIMD across a kernel row: ResNet-50's stem shape in small (7x7 stride 2 on 3 channels, SIMD 21,
   * PE 3 of 8 channels: padded folds) and the shufflenet-tiny stem at SIMD 9 (its 3x3 rows), both
   * bit-exact at their II: Kh beats a window instead of Kh * Kw.
   */
  @Test
  void kernelRowSimdIsBitExact() {
    Random rnd = new Random(43);
    Shape input = Shape.of(12, 10, 3);
    Int8Layers.OneLayer layer = Int8Layers.randomConv(input, 8, 7, 7, 2, 2, Padding.uniform(3), 1, rnd);
    ConvEngineConfig c = ConvEngines.conv((QConv) layer.layer(), input, 3, 21, BRAM, BRAM);
    assertTrue(c.kernelRow());
    assertEquals(7, c.beatsPerWindow());
    assertEquals(3, c.inputs().get(0).lanes()); // the image still arrives a pixel a word
    assertEquals(6L * 5 * 3 * 7, c.cyclesPerFrame()); // 30 pixels x 3 folds x 7 rows
    List<Int8Tensor> frames = EngineSim.randomFrames(input, 4, rnd);
    check("conv/" + c.moduleName(), c, frames, layer.run(frames));

    Int8Layers.ZooLayer z = Int8Layers.zoo("shufflenet-tiny", "conv1.relu", 4);
    QConv q = (QConv) z.layer();
    ConvEngineConfig s = ConvEngines.conv(q, z.input(), q.layer().outChannels() / 2, 9, BRAM, BRAM);
    assertEquals(3, s.beatsPerWindow());
    check("zoo/shufflenet-tiny-conv1-simd9", s, z.inputs(), z.outputs());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConvEngines.conv((QConv) layer.layer(), input, 3, 14, BRAM, BRAM));
    assertTrue(e.getMessage().contains("span a kernel row: 7 x 3 = 21"), e.getMessage());
  }

  /**
   * SIMD across the flattened window: beats of Kh x Kw x Cin values that straddle pixels, cut from
   * the window's words by a lane adapter. A random 3x3 conv of 32 channels at PE 3 (padded) x SIMD
   * 24 (window read 32 lanes a word, 12 beats a window); resnet8's layer3.0.conv2 (64 -> 64, the
   * shape of ResNet-50's 56x56 3x3 convs) at PE 4 x SIMD 48 (window at 64 lanes); and channel SIMD
   * 32 with no adapter. Bit-exact at the stated cycles.
   */
  @Test
  void windowSimdIsBitExact() {
    Random rnd = new Random(47);
    Shape input = Shape.of(6, 5, 32);
    Int8Layers.OneLayer layer = Int8Layers.randomConv(input, 8, 3, 3, 1, 1, Padding.uniform(1), 1, rnd);
    ConvEngineConfig c = ConvEngines.conv((QConv) layer.layer(), input, 3, 24, BRAM, BRAM);
    assertTrue(c.spansWindow());
    assertEquals(32, c.inputLanes());
    assertEquals(12, c.beatsPerWindow());
    assertEquals(6L * 5 * 3 * 12, c.cyclesPerFrame()); // 30 pixels x 3 folds x 12 beats
    List<Int8Tensor> frames = EngineSim.randomFrames(input, 4, rnd);
    check("conv/" + c.moduleName(), c, frames, layer.run(frames));

    Int8Layers.ZooLayer z = Int8Layers.zoo("resnet8-cifar", "layer3.0.conv2.bn", 4);
    QConv q = (QConv) z.layer();
    ConvEngineConfig w = ConvEngines.conv(q, z.input(), 4, 48, BRAM, BRAM);
    assertEquals(64, w.inputLanes());
    assertEquals(12, w.beatsPerWindow());
    check("zoo/resnet8-layer3.0.conv2-simd48", w, z.inputs(), z.outputs());

    ConvEngineConfig wide = ConvEngines.conv(q, z.input(), 8, 32, BRAM, BRAM);
    assertNull(wide.regroup());
    assertEquals(32, wide.inputLanes());
    check("zoo/resnet8-layer3.0.conv2-simd32", wide, z.inputs(), z.outputs());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConvEngines.conv((QConv) layer.layer(), input, 3, 20, BRAM, BRAM));
    assertTrue(e.getMessage().contains("divide the window's 288 values"), e.getMessage());
  }

  /**
   * Two int8 MACs per DSP48E2 (WP487) in whole engines, bit-exact and at the stated II: resnet8's
   * layer2.0.conv1 at PE 8 x SIMD 8 (4 pairs, chunks of 7 + 1 lanes), and the shufflenet-tiny stem
   * at SIMD 3 with 2 MAC arrays (MMV), packed. The packed array keeps the plain array's beats, so
   * the cycles are the plain folding's and the multipliers half.
   */
  @Tag("slow")
  @Test
  void twoMacsPerDspAreBitExactAtTheirII() {
    Int8Layers.ZooLayer z = Int8Layers.zoo("resnet8-cifar", "layer2.0.conv1.relu", 4);
    ConvEngineConfig plain = ConvEngines.conv((QConv) z.layer(), z.input(), 8, 8, BRAM, BRAM);
    ConvEngineConfig c = packed(plain);
    assertEquals(plain.cyclesPerFrame(), c.cyclesPerFrame());
    assertEquals(plain.macMultipliers() / 2, c.macMultipliers());
    check("zoo/resnet8-layer2.0.conv1-dsp2", c, z.inputs(), z.outputs());

    Int8Layers.ZooLayer stem = Int8Layers.zoo("shufflenet-tiny", "conv1.relu", 4);
    QConv q = (QConv) stem.layer();
    ConvEngineConfig s = packed(withMmv(ConvEngines.conv(q, stem.input(), q.layer().outChannels(), 3, BRAM, BRAM), 2));
    check("zoo/shufflenet-tiny-conv1-simd3-mmv2-dsp2", s, stem.inputs(), stem.outputs());
  }

  static ConvEngineConfig packed(ConvEngineConfig c) {
    return new ConvEngineConfig(c.input(), c.outChannels(), c.geometry(), c.groups(), c.pe(), c.simd(), c.weights(),
        c.requant(), c.weightStyle(), c.bufferStyle(), c.paramStyle(), c.mmv(), true);
  }

  static ConvEngineConfig withMmv(ConvEngineConfig c, int mmv) {
    return new ConvEngineConfig(c.input(), c.outChannels(), c.geometry(), c.groups(), c.pe(), c.simd(), c.weights(),
        c.requant(), c.weightStyle(), c.bufferStyle(), c.paramStyle(), mmv);
  }

  /** Two frames back to back under back-pressure, bit-exact; then the frame spacing at full speed. */
  static void check(String name, ConvEngineConfig c, List<Int8Tensor> inputs, List<Int8Tensor> outputs) {
    assertNotEquals(0, nonZero(outputs), "the expected outputs are not all zero");
    EmittedDesign design = EngineSim.emit(name, c);
    // run() also checks that m_axis carried exactly 2 frames of output words.
    EngineSim.run(name, design, c, vectors(c, inputs.subList(0, 2), outputs.subList(0, 2)), 2, EngineSim.GAP,
        EngineSim.STALL);
    EngineSim.assertCyclesPerFrame(c, measuredCyclesPerFrame(name, c, design, inputs, outputs));
  }

  /** The frame spacing of {@code design} at full speed, fed {@code inputs} (cycled to 2 and 4 frames). */
  static double measuredCyclesPerFrame(String name, ConvEngineConfig c, EmittedDesign design, List<Int8Tensor> inputs,
      List<Int8Tensor> outputs) {
    return EngineSim.measuredCyclesPerFrame(name, c, design, n -> vectors(c, cycle(inputs, n), cycle(outputs, n)));
  }

  static List<Int8Tensor> cycle(List<Int8Tensor> frames, int n) {
    java.util.ArrayList<Int8Tensor> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(frames.get(i % frames.size()));
    }
    return out;
  }

  static Map<String, List<List<BigInteger>>> vectors(ConvEngineConfig c, List<Int8Tensor> in, List<Int8Tensor> out) {
    return EngineSim.vectors("s_axis", EngineSim.stream(in, c.inputLanes()), "m_axis",
        EngineSim.stream(out, c.outputLanes()));
  }

  static long nonZero(List<Int8Tensor> ts) {
    long n = 0;
    for (Int8Tensor t : ts) {
      for (int i = 0; i < t.size(); i++) {
        n += t.get(i) != 0 ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void statesItsCostsAndRejectsBadFoldings() {
    Random rnd = new Random(5);
    Int8Layers.OneLayer layer = Int8Layers.randomConv(Shape.of(32, 32, 16), 32, 3, 3, 2, 2, Padding.uniform(1), 1,
        rnd);
    QConv q = (QConv) layer.layer();
    ConvEngineConfig c = ConvEngines.conv(q, Shape.of(32, 32, 16), 8, 4, BRAM, BRAM);
    assertEquals(16L * 16 * (32 / 8) * (9 * 16 / 4), c.cyclesPerFrame());
    assertEquals(32, c.macMultipliers());
    // 36 cycles between sum words: the 8 PE lanes take turns on one requantizer.
    assertEquals(1, c.requantizers());
    assertEquals(8, c.requantizer().share());
    assertEquals((32L + 2) * 4, c.inputWordsBeforeFirstOutput().get(0));
    assertEquals(4 * 36, c.weightBuffer().depth());
    // Input-bound: a 1x1 stride-2 conv reads 4x the words it computes on.
    Int8Layers.OneLayer down = Int8Layers.randomConv(Shape.of(32, 32, 16), 32, 1, 1, 2, 2, Padding.NONE, 1, rnd);
    ConvEngineConfig d = ConvEngines.conv((QConv) down.layer(), Shape.of(32, 32, 16), 32, 16, BRAM, BRAM);
    assertEquals(32L * 32, d.cyclesPerFrame());
    // Same shape, different weights: a different module name.
    Int8Layers.OneLayer other = Int8Layers.randomConv(Shape.of(32, 32, 16), 32, 3, 3, 2, 2, Padding.uniform(1), 1,
        rnd);
    assertNotEquals(c.moduleName(), ConvEngines.conv((QConv) other.layer(), Shape.of(32, 32, 16), 8, 4, BRAM, BRAM)
        .moduleName());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConvEngines.conv(q, Shape.of(32, 32, 16), 33, 4, BRAM, BRAM));
    assertTrue(e.getMessage().contains("PE must"), e.getMessage());
    // SIMD 5 neither divides the 16 channels nor the window's 144 values (SIMD 3 would: across the window)
    e = assertThrows(IllegalArgumentException.class, () -> ConvEngines.conv(q, Shape.of(32, 32, 16), 8, 5, BRAM, BRAM));
    assertTrue(e.getMessage().contains("SIMD must"), e.getMessage());
  }
}
