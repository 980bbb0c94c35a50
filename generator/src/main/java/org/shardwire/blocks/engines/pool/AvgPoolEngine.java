package org.shardwire.blocks.engines.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.engines.ClampBounds;
import org.shardwire.blocks.engines.RequantConstants;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.SInt;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * The hardware of {@link AvgPoolEngineConfig}: one running sum per lane over the kh * kw window
 * words of a channel group (the window's zeros stand for padding), then a requantizer per lane
 * whose (M, s) is chosen by the window's divisor.
 */
public final class AvgPoolEngine extends WindowPoolModule {

  public AvgPoolEngine(AvgPoolEngineConfig c) {
    super(c.moduleName(), c.window());
    Axis out = registeredOutput("m_axis", c.outputs().get(0).axisShape());
    int lanes = c.lanes();
    int sumBits = c.sumBits();

    Bool resultValid = regInit("result_valid", Type.bool(), 0);
    Bool advance = wire("advance", resultValid.not().or(out.ready()));
    window.ready().assign(advance);

    Map<Integer, RequantConstants> divisors = c.divisors();
    UInt divisor = divisors.size() > 1 ? realPixels() : null;

    List<SInt> x = int8Lanes(window.data(), lanes);
    Bool productValid = validStage("product_valid", window.valid().and(lastPosition), advance);
    when(advance, () -> resultValid.assign(productValid));
    Bool resultLast = pipe("result_last", pipe("product_last", window.last(), advance), advance);
    List<SInt> y = new ArrayList<>();
    for (int l = 0; l < lanes; l++) {
      SInt running = reg("sum_lane" + l, Type.sint(sumBits));
      SInt base = mux("sum_base_lane" + l, firstPosition, s(0, sumBits), running);
      SInt next = wire("sum_next_lane" + l, base.plus(x.get(l).resize(sumBits)));
      when(window.fire(), () -> running.assign(next));
      SInt r = requantize("rq_lane" + l, next, divisors, divisor, advance);
      y.add(clampInt8("y_lane" + l, r, ClampBounds.FULL));
    }
    out.valid().assign(resultValid);
    out.data().assign(Bits.packLanes(y));
    out.last().assign(resultLast);
  }
}
