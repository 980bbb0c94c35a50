package org.shardwire.hdl;

import java.util.ArrayList;
import java.util.List;

/**
 * How many catalogue multiplier units a signed {@code a x b}-bit product takes on a vendor's
 * multiplier blocks: the product is tiled the way the synthesis flow the project calibrates
 * against tiles it (yosys 0.23's {@code mul2dsp} passes of {@code synth_xilinx -family xcup} and
 * {@code synth_intel_alm}). Each pass maps what fits its block, splits a wider operand into
 * slices (the first ones {@code aPartial} bits, one of them a zero sign bit when the block takes
 * signed operands only), and leaves products narrower than its minimum widths to the next pass,
 * or to logic after the last one.
 *
 * <p>Why emulate rather than count "4 per requantizer": a requantizer multiplies a value by its
 * M, and a constant M narrower than 18 bits, or an int8 value, takes half the blocks a 32 x 32
 * product does (the plan over-counted Xilinx boards by up to 17%), while a 32 x 32 product on
 * the Intel proxy takes two 27 x 27 blocks and two 18 x 18 ones, six 18 x 19 units rather than four.
 */
public final class MultiplierTiling {
  /** One mapping pass: blocks of {@code aMax x bMax} bits, each {@code units} catalogue units. */
  record Pass(int aMax, int bMax, int aPartial, int aMin, int bMin, int yMin, boolean signedOnly, int units) {}

  /** A product cell: operand widths and signs; {@code whole} for the original product (a partial one is never swapped). */
  private record Cell(int a, boolean aSigned, int b, boolean bSigned, int y, boolean whole) {}

  /** DSP48E2: one 27 x 18 signed product (partial slices 18 bits), one unit each. */
  static final MultiplierTiling XILINX = new MultiplierTiling(List.of(new Pass(27, 18, 18, 2, 2, 9, true, 1)));
  /**
   * Arria 10 / Cyclone 10 GX variable-precision DSP: a 27 x 27 product is a whole block (two
   * 18 x 19 units), an 18 x 18 one a half block (one unit).
   */
  static final MultiplierTiling INTEL = new MultiplierTiling(List.of(
      new Pass(27, 27, 27, 19, 4, 0, false, 2),
      new Pass(27, 27, 27, 4, 19, 0, false, 2),
      new Pass(18, 18, 18, 4, 4, 0, false, 1)));

  private final List<Pass> passes;

  private MultiplierTiling(List<Pass> passes) {
    this.passes = List.copyOf(passes);
  }

  /** Units for a product of a signed {@code aBits}-bit and a signed {@code bBits}-bit operand. */
  public int units(int aBits, int bBits) {
    if (aBits < 1 || bBits < 1) {
      throw new IllegalArgumentException("a product needs operands of at least 1 bit, got " + aBits + " x " + bBits);
    }
    List<Cell> cells = List.of(new Cell(aBits, true, bBits, true, aBits + bBits, true));
    int units = 0;
    for (Pass pass : passes) {
      List<Cell> left = new ArrayList<>();
      for (Cell c : cells) {
        units += map(pass, c, left);
      }
      cells = left; // yosys turns what a pass leaves back into whole products for the next pass
    }
    return units;
  }

  /** Units {@code pass} maps of {@code c}; what it cannot map goes to {@code left}. */
  private static int map(Pass pass, Cell c, List<Cell> left) {
    if (c.a() < pass.aMin() || c.b() < pass.bMin() || c.y() < pass.yMin()) {
      left.add(soft(c));
      return 0;
    }
    if (pass.signedOnly() && c.whole() && !c.aSigned() && !c.bSigned()) {
      return map(pass, new Cell(c.a() + 1, true, c.b() + 1, true, c.y(), true), left);
    }
    if (c.whole() && c.a() < c.b()) {
      return map(pass, new Cell(c.b(), c.bSigned(), c.a(), c.aSigned(), c.y(), true), left);
    }
    int headroom = pass.signedOnly() ? 1 : 0;
    if (c.a() > pass.aMax()) {
      int step = pass.aPartial() - headroom;
      int n = (c.a() - pass.aMax() + step - 1) / step;
      int units = 0;
      for (int i = 0; i < n; i++) {
        units += map(pass, new Cell(pass.aPartial(), headroom == 1, c.b(), c.bSigned(),
            Math.min(c.y(), c.b() + pass.aPartial()), false), left);
      }
      int last = c.a() - n * step;
      return units + map(pass, new Cell(last, c.aSigned(), c.b(), c.bSigned(), c.b() + last, false), left);
    }
    if (c.b() > pass.bMax()) {
      int step = pass.bMax() - headroom;
      int n = (c.b() - pass.bMax() + step - 1) / step;
      int units = 0;
      for (int i = 0; i < n; i++) {
        units += map(pass, new Cell(c.a(), c.aSigned(), pass.bMax(), headroom == 1,
            Math.min(c.y(), c.a() + pass.bMax()), false), left);
      }
      int last = c.b() - n * step;
      return units + map(pass, new Cell(c.a(), c.aSigned(), last, c.bSigned(), c.a() + last, false), left);
    }
    return pass.units();
  }

  /** A product left to logic, as yosys re-types it: both operands signed when either is. */
  private static Cell soft(Cell c) {
    if (c.aSigned() && !c.bSigned()) {
      return new Cell(c.a(), true, c.b() + 1, true, c.y(), true);
    }
    if (!c.aSigned() && c.bSigned()) {
      return new Cell(c.a() + 1, true, c.b(), true, c.y(), true);
    }
    return new Cell(c.a(), c.aSigned(), c.b(), c.bSigned(), c.y(), true);
  }
}
