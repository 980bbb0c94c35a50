package org.shardwire.blocks.link;

import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.Vendor;

/**
 * Test top shaped like a board in the middle of a pipeline: a LinkRx from the previous board
 * and a LinkTx to the next, each behind the vendor's transceiver wrapper, the received stream
 * passed straight on (where the board's engines would be).
 */
final class BoardLinkTop extends Module {
  BoardLinkTop(LinkConfig c, Vendor vendor) {
    super("board_link_top_" + vendor.name().toLowerCase());
    LinkRx rx = child("link_from_prev", new LinkRx(c));
    LinkTx tx = child("link_to_next", new LinkTx(c));
    rx.output().connectTo(tx.input());
    LaneTransceiver fromPrev;
    LaneTransceiver toNext;
    if (vendor == Vendor.XILINX) {
      GthLane a = blackBox("gt_prev", new GthLane("10.3125", "156.25"));
      GthLane b = blackBox("gt_next", new GthLane("10.3125", "156.25"));
      for (GthLane gt : new GthLane[] {a, b}) {
        String p = gt == a ? "prev" : "next";
        gt.refclkP().assign(in(p + "_refclk_p", Type.bool()));
        gt.refclkN().assign(in(p + "_refclk_n", Type.bool()));
        gt.rxp().assign(in(p + "_rxp", Type.bool()));
        gt.rxn().assign(in(p + "_rxn", Type.bool()));
        out(p + "_txp", Type.bool()).assign(gt.txp());
        out(p + "_txn", Type.bool()).assign(gt.txn());
      }
      fromPrev = a;
      toNext = b;
    } else {
      A10NativePhyLane a = blackBox("xcvr_prev", new A10NativePhyLane("10.3125", "644.53125"));
      A10NativePhyLane b = blackBox("xcvr_next", new A10NativePhyLane("10.3125", "644.53125"));
      for (A10NativePhyLane x : new A10NativePhyLane[] {a, b}) {
        String p = x == a ? "prev" : "next";
        x.refclk().assign(in(p + "_refclk", Type.bool()));
        x.rxSerial().assign(in(p + "_rx_serial", Type.bool()));
        out(p + "_tx_serial", Type.bool()).assign(x.txSerial());
      }
      fromPrev = a;
      toNext = b;
    }
    fromPrev.connect(rx.laneOut(), rx.laneIn());
    toNext.connect(tx.laneOut(), tx.laneIn());
    // Each endpoint's link restarts while its lane is down (docs/link.md "Link reset").
    rx.linkReset().assign(fromPrev.laneUp().not());
    tx.linkReset().assign(toNext.laneUp().not());
    Bool up = out("links_up", Type.bool());
    up.assign(fromPrev.laneUp().and(toNext.laneUp()));
    // Status counters stay internal here; a real top would route them to a status register.
    status().forward(rx, "rx_");
    status().forward(tx, "tx_");
  }
}
