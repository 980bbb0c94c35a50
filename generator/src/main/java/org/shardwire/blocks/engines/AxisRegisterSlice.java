package org.shardwire.blocks.engines;

import org.shardwire.hdl.Axis;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;

/**
 * A full-throughput register slice (skid buffer) on a stream: valid, payload and ready are all
 * registered, so no combinational path crosses it. Every engine drives its outputs through one,
 * which keeps the ready chain of a long engine pipeline from becoming one combinational path.
 */
public final class AxisRegisterSlice extends Module {
  private final Axis input;
  private final Axis output;

  public AxisRegisterSlice(AxisShape shape) {
    super("axis_register_slice_w" + shape.payloadWidth());
    input = axisIn("s_axis", shape);
    output = axisOut("m_axis", shape);
    Axis in = input;
    int width = shape.payloadWidth();

    Bool mainValid = regInit("main_valid", Type.bool(), 0);
    Bits mainPayload = reg("main_payload", Type.bits(width));
    Bool skidValid = regInit("skid_valid", Type.bool(), 0);
    Bits skidPayload = reg("skid_payload", Type.bits(width));

    // The skid register catches the beat accepted in the cycle the output stalled.
    in.ready().assign(skidValid.not());
    output.valid().assign(mainValid);
    output.assignPayload(mainPayload);

    Bool mainFree = wire("main_free", output.ready().or(mainValid.not()));
    when(mainFree, () -> {
      when(skidValid, () -> {
        mainValid.assign(true);
        mainPayload.assign(skidPayload);
        skidValid.assign(false);
      }).otherwise(() -> {
        mainValid.assign(in.valid());
        mainPayload.assign(in.packedPayload());
      });
    }).otherwise(() -> {
      when(in.valid().and(skidValid.not()), () -> {
        skidValid.assign(true);
        skidPayload.assign(in.packedPayload());
      });
    });
  }

  public Axis input() {
    return input;
  }

  public Axis output() {
    return output;
  }
}
