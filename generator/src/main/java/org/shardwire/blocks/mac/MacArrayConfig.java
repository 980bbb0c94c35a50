package org.shardwire.blocks.mac;

import org.shardwire.blocks.Widths;
import org.shardwire.hdl.AxisShape;

/**
 * A PE x SIMD multiply-accumulate array: each beat carries SIMD int8 activations and PE x SIMD
 * int8 weights; PE int32 accumulators each add the dot product of the activations with their
 * weight row.
 *
 * <p>Input beat ({@code s_axis}): {@code tdata = {acts[simd-1] .. acts[0]}} (lane 0 least
 * significant), {@code tuser[0]} = clear (start a new sum with this beat), {@code tlast} = emit
 * (send the sums including this beat). The beat's weights arrive beside it, one port per PE row,
 * {@code weights_pe<p> = {w[p][simd-1] .. w[p][0]}}, read when the beat is: a PE x SIMD weight
 * word may be wider than one signal can be (64 x 16 x 8 = 8192 bits), a row never is.
 * Output beat ({@code m_axis}): PE int32 sums, PE 0 least significant.
 *
 * <p>{@code packed} (Xilinx WP487, "8-Bit Dot-Product Acceleration"): PEs 2k and 2k+1 share every
 * activation, so one DSP48E2 multiply computes both products, {@code a * (w[2k+1] * 2^18 +
 * w[2k])}, a 27-bit pre-adder operand times the int8 activation. Up to {@link
 * PackedMac#LANES_PER_CHUNK} such products are summed in the packed form, then split with the
 * correction of the low sum's sign-extension borrow ({@link PackedMac}). Same beats, same sums,
 * same latency as the plain array; half the multipliers. PE must be even.
 */
public record MacArrayConfig(int simd, int pe, boolean packed) {
  public static final int MAX_PE = 64;

  /** One multiplier per MAC. */
  public MacArrayConfig(int simd, int pe) {
    this(simd, pe, false);
  }

  public MacArrayConfig {
    if (!Widths.isMacSimd(simd)) {
      throw new IllegalArgumentException("MAC array: simd must be in 1.." + Widths.MAX_MAC_SIMD + "; got " + simd);
    }
    if (pe < 1 || pe > MAX_PE) {
      throw new IllegalArgumentException("MAC array: pe must be in 1.." + MAX_PE + "; got " + pe);
    }
    if (packed && pe % 2 != 0) {
      throw new IllegalArgumentException("MAC array: two MACs per DSP pair PEs 2k and 2k+1, so pe must be even; got "
          + pe);
    }
  }

  public int activationBits() {
    return simd * Widths.INT8;
  }

  public int weightBits() {
    return pe * simd * Widths.INT8;
  }

  /** Multiplier units: one per MAC, or one per PE pair and lane when packed (half a DSP per MAC). */
  public int multipliers() {
    return packed ? pe / 2 * simd : pe * simd;
  }

  /** Bits of one PE's weights: a {@code weights_pe<p>} port. */
  public int weightRowBits() {
    return simd * Widths.INT8;
  }

  public AxisShape inputShape() {
    return AxisShape.data(activationBits()).withLast().withUser(1);
  }

  public AxisShape outputShape() {
    return AxisShape.data(pe * Widths.INT32);
  }

  public String moduleName() {
    return "mac_array_pe" + pe + "_simd" + simd + (packed ? "_dsp2" : "");
  }
}
