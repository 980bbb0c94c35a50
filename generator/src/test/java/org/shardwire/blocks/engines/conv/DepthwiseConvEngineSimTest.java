package org.shardwire.blocks.engines.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/**
 * The depthwise conv engine bit-exact against the golden model on random layers and on
 * shufflenet-tiny's stride-2 depthwise conv, under random back-pressure; frame spacing against
 * {@code cyclesPerFrame()} without it.
 */
class DepthwiseConvEngineSimTest {
  static final RamStyle BRAM = RamStyle.XILINX_BLOCK;

  /** input, kh, kw, sh, sw, padding, simd. */
  static Stream<Arguments> sweep() {
    return Stream.of(
        // SIMD need not be a power of two: 5 of 10 channels (ShuffleNet g2 over two boards has 25);
        // the zoo case below runs SIMD 4
        Arguments.of(Shape.of(6, 7, 10), 3, 3, 1, 1, Padding.uniform(1), 5));
  }

  static Stream<Arguments> slowSweep() {
    return Stream.of(
        Arguments.of(Shape.of(7, 7, 8), 3, 3, 1, 1, Padding.uniform(1), 4),
        Arguments.of(Shape.of(9, 8, 6), 5, 5, 2, 2, Padding.uniform(2), 2),
        Arguments.of(Shape.of(6, 9, 4), 3, 3, 2, 1, new Padding(1, 0, 1, 2), 1),
        Arguments.of(Shape.of(5, 5, 32), 3, 3, 1, 1, Padding.uniform(1), 16),
        Arguments.of(Shape.of(10, 9, 8), 7, 7, 2, 2, Padding.uniform(3), 8),
        Arguments.of(Shape.of(6, 6, 4), 1, 1, 1, 1, Padding.NONE, 4),
        Arguments.of(Shape.of(8, 8, 25), 3, 3, 2, 2, Padding.uniform(1), 5),
        Arguments.of(Shape.of(7, 7, 12), 3, 3, 1, 1, Padding.uniform(1), 6));
  }

  @ParameterizedTest(name = "{0} k{1}x{2} s{3}x{4} {5} simd{6}")
  @MethodSource("sweep")
  void randomLayerIsBitExact(Shape input, int kh, int kw, int sh, int sw, Padding pad, int simd) {
    checkRandom(input, kh, kw, sh, sw, pad, simd);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0} k{1}x{2} s{3}x{4} {5} simd{6}")
  @MethodSource("slowSweep")
  void widerSweepIsBitExact(Shape input, int kh, int kw, int sh, int sw, Padding pad, int simd) {
    checkRandom(input, kh, kw, sh, sw, pad, simd);
  }

  private static void checkRandom(Shape input, int kh, int kw, int sh, int sw, Padding pad, int simd) {
    Random rnd = new Random(input.hashCode() * 31L + kh * 7L + sh + simd);
    Int8Layers.OneLayer layer = Int8Layers.randomConv(input, input.c(), kh, kw, sh, sw, pad, input.c(), rnd);
    DepthwiseConvEngineConfig c = ConvEngines.depthwise((QConv) layer.layer(), input, simd, BRAM, BRAM);
    List<Int8Tensor> frames = EngineSim.randomFrames(input, 4, rnd);
    check("dwconv/" + c.moduleName(), c, frames, layer.run(frames));
  }

  /** shufflenet-tiny stage2.0.dwconv: 3x3 stride 2, pad 1, 16x16x12 -> 8x8x12. */
  @Test
  void shufflenetStrideTwoDepthwiseIsBitExact() {
    Int8Layers.ZooLayer z = Int8Layers.zoo("shufflenet-tiny", "stage2.0.dwconv.bn", 4);
    DepthwiseConvEngineConfig c = ConvEngines.depthwise((QConv) z.layer(), z.input(), 4, BRAM, BRAM);
    assertEquals(8L * 8 * 3 * 9, c.cyclesPerFrame());
    check("zoo/shufflenet-stage2.0.dwconv", c, z.inputs(), z.outputs());
  }

  static void check(String name, DepthwiseConvEngineConfig c, List<Int8Tensor> inputs, List<Int8Tensor> outputs) {
    assertNotEquals(0, ConvEngineSimTest.nonZero(outputs), "the expected outputs are not all zero");
    EmittedDesign design = EngineSim.emit(name, c);
    // run() also checks that m_axis carried exactly 2 frames of output words.
    EngineSim.run(name, design, c, vectors(c, inputs.subList(0, 2), outputs.subList(0, 2)), 2, EngineSim.GAP,
        EngineSim.STALL);
    double measured = EngineSim.measuredCyclesPerFrame(name, c, design,
        n -> vectors(c, ConvEngineSimTest.cycle(inputs, n), ConvEngineSimTest.cycle(outputs, n)));
    EngineSim.assertCyclesPerFrame(c, measured);
  }

  static Map<String, List<List<BigInteger>>> vectors(DepthwiseConvEngineConfig c, List<Int8Tensor> in,
                                                     List<Int8Tensor> out) {
    return EngineSim.vectors("s_axis", EngineSim.stream(in, c.simd()), "m_axis",
        EngineSim.stream(out, c.simd()));
  }

  @Test
  void statesItsCostsAndRejectsBadConfigs() {
    Random rnd = new Random(3);
    Shape in = Shape.of(16, 16, 12);
    Int8Layers.OneLayer layer = Int8Layers.randomConv(in, 12, 3, 3, 2, 2, Padding.uniform(1), 12, rnd);
    QConv q = (QConv) layer.layer();
    DepthwiseConvEngineConfig c = ConvEngines.depthwise(q, in, 4, BRAM, BRAM);
    assertEquals(4, c.macMultipliers());
    // 9 cycles between sum words: the 4 lanes take turns on one requantizer.
    assertEquals(1, c.requantizers());
    assertEquals(4, c.requantizer().share());
    assertEquals(3 * 9, c.weightBuffer().depth());
    assertTrue(c.moduleName().startsWith("dwconv_k3x3_s2_p1_i16x16x12_simd4_"), c.moduleName());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConvEngines.depthwise(q, in, 8, BRAM, BRAM));
    assertTrue(e.getMessage().contains("SIMD must"), e.getMessage());
    assertEquals(6, ConvEngines.depthwise(q, in, 6, BRAM, BRAM).macMultipliers(), "any divisor of C up to 16");
    assertEquals(List.of(1, 2, 3, 4, 6, 12), DepthwiseConvEngineConfig.simds(12));
    assertEquals(List.of(1, 5), DepthwiseConvEngineConfig.simds(25));
    Int8Layers.OneLayer grouped = Int8Layers.randomConv(in, 12, 1, 1, 1, 1, Padding.NONE, 2, rnd);
    e = assertThrows(IllegalArgumentException.class,
        () -> ConvEngines.depthwise((QConv) grouped.layer(), in, 4, BRAM, BRAM));
    assertTrue(e.getMessage().contains("not depthwise"), e.getMessage());
  }
}
