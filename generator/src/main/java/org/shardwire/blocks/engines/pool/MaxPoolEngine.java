package org.shardwire.blocks.engines.pool;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.SInt;
import org.shardwire.hdl.Type;

/**
 * The hardware of {@link MaxPoolEngineConfig}: one running maximum per lane over the kh * kw
 * window words of a channel group. The window gives padding as zeros; here a padded position
 * counts as -128, the int8 minimum, which never beats a real value (every window holds one).
 */
public final class MaxPoolEngine extends WindowPoolModule {

  public MaxPoolEngine(MaxPoolEngineConfig c) {
    super(c.moduleName(), c.window());
    Axis out = registeredOutput("m_axis", c.outputs().get(0).axisShape());
    int lanes = c.lanes();

    Bool resultValid = regInit("result_valid", Type.bool(), 0);
    Bool advance = wire("advance", resultValid.not().or(out.ready()));
    window.ready().assign(advance);
    Bool padded = paddedPosition();

    List<SInt> x = int8Lanes(window.data(), lanes);
    List<SInt> best = new ArrayList<>();
    for (int l = 0; l < lanes; l++) {
      SInt value = x.get(l);
      if (padded != null) {
        value = mux("value_lane" + l, padded, s(-128, 8), x.get(l));
      }
      SInt running = reg("max_lane" + l, Type.sint(8));
      SInt larger = mux("larger_lane" + l, running.gt(value), running, value);
      SInt next = mux("max_next_lane" + l, firstPosition, value, larger);
      when(window.fire(), () -> running.assign(next));
      best.add(next);
    }
    Bool emit = wire("emit", window.valid().and(lastPosition));
    Bits result = pipe("result", Bits.packLanes(best), advance);
    Bool resultLast = pipe("result_last", window.last(), advance);
    when(advance, () -> resultValid.assign(emit));
    out.valid().assign(resultValid);
    out.data().assign(result);
    out.last().assign(resultLast);
  }
}
