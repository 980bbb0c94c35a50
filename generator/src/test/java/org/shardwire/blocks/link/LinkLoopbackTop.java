package org.shardwire.blocks.link;

import org.shardwire.hdl.Axis;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Module;

/**
 * Test top: {@code s_axis} -> LinkTx -> data channel -> LinkRx -> {@code m_axis}, and the
 * receiver's control lane back through a control channel. Every status counter of the four
 * parts appears as {@code stat_<part>_<name>}. With a tap, {@code m_lane} carries every
 * non-idle word the transmitter puts on the data lane ({ctrl, data}), for format checks.
 */
final class LinkLoopbackTop extends Module {
  static final AxisShape TAP_SHAPE = AxisShape.data(LinkFrame.WORD_BITS + 1);

  LinkLoopbackTop(LinkConfig c, ChannelParams data, ChannelParams control, boolean tap) {
    this(c, data, control, tap, null);
  }

  /** With {@code bursts}, the input reaches the transmitter through a {@link BurstGate}. */
  LinkLoopbackTop(LinkConfig c, ChannelParams data, ChannelParams control, boolean tap, BurstGate.Pattern bursts) {
    super(moduleName(c, data, control, tap, bursts));
    Axis in = axisIn("s_axis", c.streamShape());
    Axis out = axisOut("m_axis", c.streamShape());
    LinkTx tx = child("tx", new LinkTx(c));
    LinkRx rx = child("rx", new LinkRx(c));
    tx.linkReset().assign(false);
    rx.linkReset().assign(false);
    LaneDelayLine dataChannel = child("data_channel", new LaneDelayLine(data));
    LaneDelayLine controlChannel = child("control_channel", new LaneDelayLine(control));
    if (bursts == null) {
      in.connectTo(tx.input());
    } else {
      BurstGate gate = child("bursts", new BurstGate(c.streamShape(), bursts));
      in.connectTo(gate.in);
      gate.out.connectTo(tx.input());
    }
    rx.output().connectTo(out);
    dataChannel.in.driveFrom(tx.laneOut());
    rx.laneIn().driveFrom(dataChannel.out);
    controlChannel.in.driveFrom(rx.laneOut());
    tx.laneIn().driveFrom(controlChannel.out);

    status().forward(tx, "tx_");
    status().forward(rx, "rx_");
    status().forward(dataChannel, "data_channel_");
    status().forward(controlChannel, "control_channel_");

    if (tap) {
      Axis lane = axisOut("m_lane", TAP_SHAPE);
      Lane l = tx.laneOut();
      Bool idle = l.control().and(LinkFrame.TYPE.of(l.data()).eq(LinkEndpoint.typeCode(LinkFrame.TYPE_IDLE)));
      lane.valid().assign(l.valid().and(idle.not()));
      lane.data().assign(l.control().asBits().concat(l.data()));
      // The lane cannot wait: a word the bench does not take is lost, and counted.
      status().count("tap_dropped", lane.valid().and(lane.ready().not()));
    }
  }


  static String moduleName(LinkConfig c, ChannelParams data, ChannelParams control, boolean tap,
      BurstGate.Pattern bursts) {
    String key = c + "|" + data + "|" + control + "|" + tap + (bursts == null ? "" : "|" + bursts);
    return "link_loopback_" + GeneratorStamp.configHash(key).substring(0, 10);
  }
}
