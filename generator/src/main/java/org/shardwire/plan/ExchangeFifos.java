package org.shardwire.plan;

import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.Shape;

/**
 * The FIFO in front of every local piece of a gather that also waits for a piece from another
 * board (docs/channel-groups.md): the gather's Concat takes pixel p's pieces in channel order,
 * so a local piece waits there while the same pixel's remote piece crosses the link. Without it
 * each pixel would cost a link round trip. It holds the local piece's words of the pixels that
 * pass in one link round trip at the planned pixel rate, plus one pixel, never more than a frame.
 * The plan counts it as the gather's branch FIFO; the board assembly will build this same depth.
 */
public final class ExchangeFifos {
  private ExchangeFifos() {}

  /**
   * int8 elements in front of a local piece of shape {@code piece}, in a cluster whose II is
   * {@code cyclesPerFrame}, on lanes whose one-way latency is {@code laneLatencyCycles}.
   */
  public static long elements(Shape piece, long cyclesPerFrame, int laneLatencyCycles) {
    long pixels = (long) piece.h() * piece.w();
    long period = Math.max(1, cyclesPerFrame / pixels);
    // The link's own round trip (window and timeouts do not depend on lanes or vendor).
    long roundTrip = LinkConfig.defaults(8, Vendor.XILINX).roundTripCycles(laneLatencyCycles);
    long waitPixels = (roundTrip + period - 1) / period + 1;
    return Math.min(waitPixels, pixels) * piece.c();
  }
}
