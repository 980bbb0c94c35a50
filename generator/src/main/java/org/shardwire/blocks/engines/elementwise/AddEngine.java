package org.shardwire.blocks.engines.elementwise;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.SInt;

/**
 * The hardware of {@link AddEngineConfig}: the two inputs are joined (a word is taken from both
 * in the same cycle), each lane requantized in two stages, then summed, rounded and clamped in
 * front of the output register slice.
 */
public final class AddEngine extends EngineModule {

  public AddEngine(AddEngineConfig c) {
    super(c.moduleName());
    TensorStream stream = c.inputs().get(0);
    Axis a = axisIn("s_axis_a", stream.axisShape());
    Axis b = axisIn("s_axis_b", stream.axisShape());
    Axis out = registeredOutput("m_axis", stream.axisShape());

    // Pipeline: [products] -> [ta, tb] -> sum, round, clamp -> output slice.
    Bool lastStageValid = regInit("result_valid", org.shardwire.hdl.Type.bool(), 0);
    Bool advance = wire("advance", lastStageValid.not().or(out.ready()));
    Bool both = wire("both_valid", a.valid().and(b.valid()));
    a.ready().assign(advance.and(b.valid()));
    b.ready().assign(advance.and(a.valid()));

    Bool productValid = validStage("product_valid", both, advance);
    when(advance, () -> lastStageValid.assign(productValid));
    // Both inputs end their frames on the same word.
    Bool productLast = pipe("product_last", a.last().and(b.last()), advance);
    Bool resultLast = pipe("result_last", productLast, advance);

    List<SInt> xa = int8Lanes(a.data(), c.lanes());
    List<SInt> xb = int8Lanes(b.data(), c.lanes());
    List<SInt> y = new ArrayList<>();
    int half = 1 << (AddEngineConfig.FRACTION_BITS - 1);
    for (int l = 0; l < c.lanes(); l++) {
      SInt ta = requantize("ta_lane" + l, xa.get(l), List.of(c.a()), null, advance);
      SInt tb = requantize("tb_lane" + l, xb.get(l), List.of(c.b()), null, advance);
      int w = Math.max(Math.max(ta.width(), tb.width()) + 1, AddEngineConfig.FRACTION_BITS + 2) + 1;
      SInt sum = ta.resize(w).plus(tb.resize(w)).plus(s(half, w));
      SInt rounded = shiftRight("sum_lane" + l, sum, AddEngineConfig.FRACTION_BITS);
      y.add(clampInt8("y_lane" + l, rounded, c.clamp()));
    }
    out.valid().assign(lastStageValid);
    out.data().assign(Bits.packLanes(y));
    out.last().assign(resultLast);
  }
}
