package org.shardwire.blocks.engines;

import org.shardwire.hdl.Vendor;

/**
 * The logic (LUTs on Xilinx, ALMs on Intel) an engine takes besides its memories and multipliers:
 * the one place these constants live, so calibrating them against synthesis (docs/planner.md) is
 * one edit. Every engine config's {@link EngineConfig#luts()} is this sum of its parts.
 *
 * <p>The per-MAC, per-requantizer and per-window figures are calibrated against yosys 0.23
 * ({@code synth_xilinx -family xcup}, flattened modules of the default cluster; bench/RESULTS.md):
 * a PE 8 x SIMD 16 MAC array takes 5,218 LUTs (40.8 per MAC: operand and accumulator registers,
 * the adder tree), an 8-lane requantizer 1,662 (208 per lane), a 3x3 sliding window 387 (its
 * output FIFO in LUT RAM included).
 */
public final class LogicEstimate {
  /** Handshakes, counters and the output register of any engine. */
  public static final int CONTROL_LUTS = 120;
  /** Address counters, padding and replay logic of a sliding window. */
  public static final int WINDOW_LUTS = 300;
  /** Per int8 MAC: operand registers and its share of the SIMD adder tree outside the DSPs. */
  public static final int LUTS_PER_MAC = 40;
  /** Per requantizer: rounding, shift and clamp around its product. */
  public static final int LUTS_PER_REQUANTIZER = 200;

  /**
   * Per int8 MAC of a packed MAC array (two MACs per DSP48E2): half the products to sum (one
   * 35-bit packed product per PE pair and lane, split per chunk of seven) and half the operand
   * registers. yosys 0.23 ({@code synth_xilinx -family xcup -flatten}) on PE 8 x SIMD 16 built the
   * packed array in 4,324 LUTs against 6,596 for the plain one (0.656, bench/RESULTS.md), applied
   * to {@link #LUTS_PER_MAC}.
   */
  public static final int LUTS_PER_PACKED_MAC = 26;

  /** Per bit of an MMV engine's sum serializer: a load-or-shift mux in front of its register. */
  public static final int LUTS_PER_SERIALIZED_BIT = 1;

  /**
   * Intel ALMs per LUT of these estimates. The figures above are Xilinx LUT6s; an Arria 10 ALM holds
   * one 6-input function or two smaller ones, and two adder bits, so the same engine takes fewer
   * ALMs than LUTs. yosys 0.23 on one design, board 0 of shufflenet-tiny over two boards: 26,086
   * LUTs ({@code synth_xilinx -family xcup}) against 14,918 ALMs ({@code synth_intel_alm -family
   * cyclone10gx}, the Arria 10 stand-in), 0.57; bench/RESULTS.md. Memories in LUT RAM are not
   * scaled: an MLAB holds 640 bits in 10 ALMs, the 64 bits per LUT the allocator counts.
   */
  public static final double ALMS_PER_LUT = 0.6;

  private LogicEstimate() {}

  /** {@code luts} of engine logic in the logic unit of a {@code vendor}'s part: LUTs, or ALMs on Intel. */
  public static long inLogicUnits(long luts, Vendor vendor) {
    return vendor == Vendor.INTEL ? Math.round(luts * ALMS_PER_LUT) : luts;
  }

  /** The serializer that sends an MMV engine's pixel sums one word at a time ({@code bits} held). */
  public static long serializerLuts(long bits) {
    return LUTS_PER_SERIALIZED_BIT * bits;
  }

  /** The MAC array logic of {@code macs} int8 MACs, packed two per DSP48E2 or not. */
  public static long macLuts(int macs, boolean packed) {
    return (long) (packed ? LUTS_PER_PACKED_MAC : LUTS_PER_MAC) * macs;
  }

  /** An engine with {@code windows} sliding windows (0 or 1), {@code macs} int8 MACs and {@code requantizers}. */
  public static long luts(int windows, int macs, int requantizers) {
    return CONTROL_LUTS + (long) WINDOW_LUTS * windows + (long) LUTS_PER_MAC * macs
        + (long) LUTS_PER_REQUANTIZER * requantizers;
  }
}
