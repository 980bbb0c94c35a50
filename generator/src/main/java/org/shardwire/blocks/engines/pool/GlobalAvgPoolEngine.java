package org.shardwire.blocks.engines.pool;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.ClampBounds;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.SInt;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * The hardware of {@link GlobalAvgPoolEngineConfig}. The running sums of the C/lanes channel
 * groups live in a memory read one cycle ahead: a word is accepted (its group's sums are read),
 * then added and written back. When the group count is 1 the next word reads the sums before the
 * previous write lands, so the last written sums are forwarded. On the last pixel the new sums go
 * to the requantizers instead of mattering to the memory.
 */
public final class GlobalAvgPoolEngine extends EngineModule {

  public GlobalAvgPoolEngine(GlobalAvgPoolEngineConfig c) {
    super(c.moduleName());
    Axis in = axisIn("s_axis", c.inputs().get(0).axisShape());
    Axis out = registeredOutput("m_axis", c.outputs().get(0).axisShape());
    int lanes = c.lanes();
    int sumBits = c.sumBits();
    int groups = c.groups();

    Bool resultValid = regInit("result_valid", Type.bool(), 0);
    Bool advance = wire("advance", resultValid.not().or(out.ready()));
    in.ready().assign(advance);
    UInt group = counter("group", groups);
    UInt pixel = counter("pixel", c.pixels());
    when(in.fire(), () -> {
      step(group, groups);
      when(isLast(group, groups), () -> step(pixel, c.pixels()));
    });

    // One group: the forwarding register alone holds the sums, no memory needed.
    Memory sums = groups == 1 ? null : mem("sums", lanes * sumBits, groups).style(c.style());
    int addressBits = bitsFor(groups - 1L);
    Bits stored = sums == null ? null : sums.readSync(group, advance);

    // Stage 1: the accepted word, its group and where it is in the frame.
    Bool addValid = validStage("add_valid", in.valid(), advance);
    UInt addGroup = groups == 1 ? null : pipe("add_group", group, advance);
    Bits addWord = pipe("add_word", in.data(), advance);
    Bool firstPixel = pipe("add_first_pixel", pixel.eq(0), advance);
    Bool lastPixel = pipe("add_last_pixel", isLast(pixel, c.pixels()), advance);
    Bool addLast = pipe("add_last", in.last(), advance);

    // The sums written last cycle, which a read issued in that same cycle did not see.
    Bits forwardSums = reg("forward_sums", Type.bits(lanes * sumBits));
    Bits previous = wire("previous_sums", Type.bits(lanes * sumBits));
    Bool forwardValid = sums == null ? null : regInit("forward_valid", Type.bool(), 0);
    UInt forwardGroup = sums == null ? null : reg("forward_group", Type.uint(addressBits));
    if (sums == null) {
      previous.assign(forwardSums);
    } else {
      previous.assign(stored);
      when(forwardValid.and(forwardGroup.eq(addGroup)), () -> previous.assign(forwardSums));
    }

    List<SInt> x = int8Lanes(addWord, lanes);
    List<SInt> next = new ArrayList<>();
    for (int l = 0; l < lanes; l++) {
      SInt old = previous.lane(l, sumBits).asSInt();
      SInt base = wire("base_lane" + l, Type.sint(sumBits));
      base.assign(old);
      when(firstPixel, () -> base.assign(0));
      next.add(wire("sum_lane" + l, base.plus(x.get(l).resize(sumBits))));
    }
    Bits nextSums = wire("next_sums", Bits.packLanes(next));
    Bool write = wire("write", addValid.and(advance));
    when(write, () -> forwardSums.assign(nextSums));
    if (sums != null) {
      sums.write(addGroup, nextSums, write);
      when(write, () -> {
        forwardValid.assign(true);
        forwardGroup.assign(addGroup);
      });
    }

    // Stages 2-3: requantize the finished sums of the last pixel.
    Bool productValid = validStage("product_valid", addValid.and(lastPixel), advance);
    when(advance, () -> resultValid.assign(productValid));
    Bool resultLast = pipe("result_last", pipe("product_last", addLast, advance), advance);
    List<SInt> y = new ArrayList<>();
    for (int l = 0; l < lanes; l++) {
      SInt r = requantize("rq_lane" + l, next.get(l), List.of(c.requant()), null, advance);
      y.add(clampInt8("y_lane" + l, r, ClampBounds.FULL));
    }
    out.valid().assign(resultValid);
    out.data().assign(Bits.packLanes(y));
    out.last().assign(resultLast);
  }
}
