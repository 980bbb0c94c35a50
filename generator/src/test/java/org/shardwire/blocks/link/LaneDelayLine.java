package org.shardwire.blocks.link;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * Test-only RTL channel: a lane delayed by a fixed number of cycles, with bit errors drawn from
 * a xorshift32 generator (seeded, so every run is the same). Status: words carried, words corrupted.
 */
final class LaneDelayLine extends LinkEndpoint {
  final Lane in;
  final Lane out;

  LaneDelayLine(ChannelParams p) {
    super("lane_delay_" + p.tag(), false);
    in = laneIn("lane_in");
    out = laneOut("lane_out");

    Bool valid = in.valid();
    Bool ctrl = in.control();
    Bits data = in.data();
    Bool corrupted = bool(false);
    if (p.threshold() > 0) {
      UInt rand = regInit("rand", Type.uint(32), p.seed() & 0xFFFF_FFFFL);
      rand.assign(xorshift32(rand));
      Bool hit = wire("hit", valid.and(rand.slice(15, 0).lt(u(p.threshold(), 16))));
      UInt first = rand.slice(21, 16);
      UInt second = rand.slice(27, 22);
      Bool twoBits = rand.bit(28);
      List<Bool> maskBits = new ArrayList<>();
      for (int i = 0; i < LinkFrame.WORD_BITS; i++) {
        maskBits.add(first.eq(i).xor(twoBits.and(second.eq(i))));
      }
      Bits mask = wire("flip_mask", Bits.packLanes(maskBits));
      Bool flipCtrl = p.flipControl() ? wire("flip_ctrl", rand.slice(31, 29).eq(0)) : bool(false);
      Bool dataHit = wire("data_hit", hit.and(mask.ne(Bits.zeros(LinkFrame.WORD_BITS))));
      Bool ctrlHit = wire("ctrl_hit", hit.and(flipCtrl));
      data = mux("data_after_errors", dataHit, data.asUInt().xor(mask.asUInt()).asBits(), data);
      ctrl = wire("ctrl_after_errors", ctrl.xor(ctrlHit));
      corrupted = wire("corrupted", dataHit.or(ctrlHit));
    }
    for (int stage = 0; stage < p.latency(); stage++) {
      Bool v = regInit("valid_d" + stage, Type.bool(), 0);
      Bool k = reg("ctrl_d" + stage, Type.bool());
      Bits d = reg("data_d" + stage, Type.bits(LinkFrame.WORD_BITS));
      v.assign(valid);
      k.assign(ctrl);
      d.assign(data);
      valid = v;
      ctrl = k;
      data = d;
    }
    out.valid().assign(valid);
    out.control().assign(ctrl);
    out.data().assign(data);
    statCounter("words_carried", in.valid());
    statCounter("words_corrupted", corrupted);
  }

  /** Marsaglia's xorshift32 step (13, 17, 5), written with slices so no bit is dropped unused. */
  private static UInt xorshift32(UInt x) {
    UInt a = x.xor(x.slice(18, 0).asBits().concat(Bits.zeros(13)).asUInt());
    UInt b = a.xor(Bits.zeros(17).concat(a.slice(31, 17).asBits()).asUInt());
    return b.xor(b.slice(26, 0).asBits().concat(Bits.zeros(5)).asUInt());
  }
}
