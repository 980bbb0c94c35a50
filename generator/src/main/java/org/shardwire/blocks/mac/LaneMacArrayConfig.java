package org.shardwire.blocks.mac;

import org.shardwire.blocks.Widths;
import org.shardwire.hdl.AxisShape;

/**
 * A lane-wise multiply-accumulate array for depthwise convolutions: each beat carries
 * {@code lanes} int8 activations and {@code lanes} int8 weights; lane l accumulates
 * {@code act[l] * weight[l]} into its own int32 sum (no sum across lanes).
 *
 * <p>Input beat ({@code s_axis}): {@code tdata = {weights[lanes-1] .. weights[0], acts[lanes-1] ..
 * acts[0]}}, {@code tuser[0]} = clear, {@code tlast} = emit, as {@link MacArrayConfig}. Output
 * beat ({@code m_axis}): lanes int32 sums, lane 0 least significant.
 */
public record LaneMacArrayConfig(int lanes) {
  /** The widest array: as many lanes as the widest MAC array's SIMD. */
  public static final int MAX_LANES = 16;

  public LaneMacArrayConfig {
    if (lanes < 1 || lanes > MAX_LANES) { // lanes are independent: no adder tree asks for a power of two
      throw new IllegalArgumentException("lane MAC array: lanes must be 1.." + MAX_LANES + "; got " + lanes);
    }
  }

  public int activationBits() {
    return lanes * Widths.INT8;
  }

  public int multipliers() {
    return lanes;
  }

  public AxisShape inputShape() {
    return AxisShape.data(2 * activationBits()).withLast().withUser(1);
  }

  public AxisShape outputShape() {
    return AxisShape.data(lanes * Widths.INT32);
  }

  public String moduleName() {
    return "lane_mac_array_l" + lanes;
  }
}
