package org.shardwire.blocks.link;

import org.shardwire.hdl.Axis;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * Test-only stream gate that shapes a source which never pauses into a bursty sender, as a
 * weight-tile engine drains or a slow engine paces its output: {@code burstBeats} beats back to
 * back, then {@code idleCycles} cycles with valid low, and again.
 */
final class BurstGate extends Module {
  final Axis in;
  final Axis out;

  /** Bursts of {@code beats} beats, {@code idleCycles} cycles apart. */
  record Pattern(int beats, int idleCycles) {
    Pattern {
      if (beats < 1 || idleCycles < 1) {
        throw new IllegalArgumentException("burst gate: bursts of at least 1 beat and 1 idle cycle; got "
            + beats + ", " + idleCycles);
      }
    }
  }

  BurstGate(AxisShape shape, Pattern p) {
    super("burst_gate_b" + p.beats() + "_i" + p.idleCycles() + "_w" + shape.dataWidth());
    int burstBeats = p.beats();
    int idleCycles = p.idleCycles();
    in = axisIn("s_axis", shape);
    out = axisOut("m_axis", shape);
    UInt sent = regInit("sent", Type.uint(Memory.addressWidth(burstBeats)), 0);
    UInt idle = regInit("idle", Type.uint(Memory.addressWidth(idleCycles + 1)), 0);
    Bool open = wire("gate_open", idle.eq(0));
    out.valid().assign(in.valid().and(open));
    out.assignPayload(in.packedPayload());
    in.ready().assign(out.ready().and(open));
    when(open.not(), () -> idle.assign(idle.minus(1)));
    when(out.fire(), () -> {
      when(sent.eq(burstBeats - 1), () -> {
        sent.assign(0);
        idle.assign(u(idleCycles, idle.width()));
      }).otherwise(() -> sent.assign(sent.plus(1)));
    });
  }
}
