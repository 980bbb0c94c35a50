package org.shardwire.blocks.link;

import java.util.List;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;

/**
 * Test top for the soak: a LinkTx and a LinkRx whose four lane ports are top ports, so a C++
 * driver joins them through {@code sim/shardwire_channel.h} (any latency, seeded word errors)
 * instead of an RTL delay line. Status counters appear as {@code stat_tx_*} and {@code stat_rx_*}.
 */
final class LinkSoakTop extends Module {
  LinkSoakTop(LinkConfig c) {
    super("link_soak_f" + c.maxFrameWords() + "_r" + c.replayWords() + "_q" + c.rxFifoWords() + "_t" + c.ackTimeoutCycles());
    Axis in = axisIn("s_axis", c.streamShape());
    Axis out = axisOut("m_axis", c.streamShape());
    LinkTx tx = child("tx", new LinkTx(c));
    LinkRx rx = child("rx", new LinkRx(c));
    tx.linkReset().assign(in("tx_link_rst", Type.bool()));
    rx.linkReset().assign(in("rx_link_rst", Type.bool()));
    in.connectTo(tx.input());
    rx.output().connectTo(out);
    lane("tx_lane_out", false).driveFrom(tx.laneOut());
    tx.laneIn().driveFrom(lane("tx_lane_in", true));
    rx.laneIn().driveFrom(lane("rx_lane_in", true));
    lane("rx_lane_out", false).driveFrom(rx.laneOut());
    status().forward(tx, "tx_");
    status().forward(rx, "rx_");
  }

  private Lane lane(String prefix, boolean input) {
    return input
        ? Lane.declare(this::in, prefix) : Lane.declare(this::out, prefix);
  }

  List<String> statusPorts() {
    return status().portNames();
  }
}
