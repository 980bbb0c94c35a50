package org.shardwire.blocks.mac;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.SInt;
import org.shardwire.hdl.Type;

/**
 * The lane-wise MAC array of {@link LaneMacArrayConfig}: the same two stages and stall rule as
 * {@link MacArray} (products, then accumulate), one multiplier and accumulator per lane.
 */
public final class LaneMacArray extends Module {
  private final Axis input;
  private final Axis output;

  public LaneMacArray(LaneMacArrayConfig c) {
    super(c.moduleName());
    input = axisIn("s_axis", c.inputShape());
    output = axisOut("m_axis", c.outputShape());
    Axis in = input;
    Axis out = output;

    Bool outValid = regInit("out_valid", Type.bool(), 0);
    Bool stall = wire("stall", outValid.and(out.ready().not()));
    in.ready().assign(stall.not());

    Bool s1Valid = regInit("s1_valid", Type.bool(), 0);
    Bool s1Clear = reg("s1_clear", Type.bool());
    Bool s1Emit = reg("s1_emit", Type.bool());
    List<SInt> products = new ArrayList<>();
    for (int l = 0; l < c.lanes(); l++) {
      products.add(reg("s1_product_lane" + l, Type.sint(2 * Widths.INT8)));
    }
    when(stall.not(), () -> {
      s1Valid.assign(in.valid());
      s1Clear.assign(in.user().bit(0));
      s1Emit.assign(in.last());
      Bits acts = in.data().slice(c.activationBits() - 1, 0);
      Bits weights = in.data().slice(2 * c.activationBits() - 1, c.activationBits());
      for (int l = 0; l < c.lanes(); l++) {
        products.get(l).assign(acts.lane(l, Widths.INT8).asSInt().times(weights.lane(l, Widths.INT8).asSInt()));
      }
    });

    List<SInt> sums = new ArrayList<>();
    for (int l = 0; l < c.lanes(); l++) {
      SInt acc = regInit("acc_lane" + l, Type.sint(Widths.INT32), 0);
      SInt result = reg("out_lane" + l, Type.sint(Widths.INT32));
      SInt base = wire("acc_base_lane" + l, Type.sint(Widths.INT32));
      base.assign(acc);
      when(s1Clear, () -> base.assign(0));
      SInt next = wire("acc_next_lane" + l, base.plus(products.get(l).resize(Widths.INT32)));
      when(s1Valid.and(stall.not()), () -> {
        acc.assign(next);
        when(s1Emit, () -> result.assign(next));
      });
      sums.add(result);
    }
    when(s1Valid.and(s1Emit).and(stall.not()), () -> outValid.assign(true))
        .elseWhen(out.ready(), () -> outValid.assign(false));
    out.valid().assign(outValid);
    out.data().assign(Bits.packLanes(sums));
  }

  public Axis input() {
    return input;
  }

  public Axis output() {
    return output;
  }
}
