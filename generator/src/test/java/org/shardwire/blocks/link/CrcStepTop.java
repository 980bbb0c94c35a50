package org.shardwire.blocks.link;

import org.shardwire.hdl.Axis;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;

/** Test top: one CRC step per beat, in = {word, state}, out = next state (one register stage). */
final class CrcStepTop extends Module {
  static final AxisShape IN = AxisShape.data(LinkFrame.WORD_BITS + LinkFrame.CRC_BITS);
  static final AxisShape OUT = AxisShape.data(LinkFrame.CRC_BITS);

  CrcStepTop() {
    super("crc32_step_w64");
    Axis in = axisIn("s_axis", IN);
    Axis out = axisOut("m_axis", OUT);
    Bool full = regInit("full", Type.bool(), 0);
    Bits next = reg("next", Type.bits(LinkFrame.CRC_BITS));
    in.ready().assign(full.not().or(out.ready()));
    when(in.fire(), () -> {
      full.assign(true);
      next.assign(CrcNetwork.next(in.data().slice(LinkFrame.CRC_BITS - 1, 0),
          in.data().slice(LinkFrame.WORD_BITS + LinkFrame.CRC_BITS - 1, LinkFrame.CRC_BITS)));
    }).elseWhen(out.ready(), () -> full.assign(false));
    out.valid().assign(full);
    out.data().assign(next);
  }
}
