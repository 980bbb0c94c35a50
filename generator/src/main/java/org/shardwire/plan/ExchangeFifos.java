package org.shardwire.plan;

import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.model.Shape;

/**
 * The FIFO in front of every local piece of a gather that also waits for a piece from another
 * board (docs/channel-groups.md): the gather's Concat takes pixel p's pieces in channel order,
 * so a local piece waits there while the same pixel's remote piece crosses the link. Without it
 * the boards would run in lockstep, a link round trip apart. Producers are bursty (a pooling or
 * strided engine emits a whole output row at once), so the FIFO holds what its producer can emit
 * in one link round trip at full speed, one word of at most 16 elements per cycle, plus one
 * pixel, never more than a frame of the piece. (Sized for the planned pixel rate instead, it
 * was too small: i-shufflenet-tiny-d2 ran at 2.16x the estimated II, its max pool's FIFO full.)
 * The plan counts it as the gather's branch FIFO; the board assembly builds this same depth.
 */
public final class ExchangeFifos {
  /** Widest stream word in int8 elements (Widths.SIMD_WIDTHS). */
  static final int MAX_WORD_ELEMENTS = 16;

  private ExchangeFifos() {}

  /** int8 elements in front of a local piece of shape {@code piece}, on lanes of one-way latency {@code laneLatencyCycles}. */
  public static long elements(Shape piece, int laneLatencyCycles) {
    // The link's own round trip (window and timeouts do not depend on lanes or vendor).
    long roundTrip = LinkConfig.planned().roundTripCycles(laneLatencyCycles);
    long burst = roundTrip * Math.min(piece.c(), MAX_WORD_ELEMENTS) + piece.c();
    return Math.min(burst, piece.elements());
  }
}
