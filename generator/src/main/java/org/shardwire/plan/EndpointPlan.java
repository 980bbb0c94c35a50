package org.shardwire.plan;

import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.hdl.Vendor;

/**
 * One serial-link endpoint of a board as planned (a transmitter or a receiver): the width of the
 * stream it carries, in int8 values per beat, and its replay buffer or receive FIFO in payload
 * words. {@link #config} is the link the lowering builds for it, so its cost
 * ({@link LinkEndpointCost}) is read from what gets built. A pipeline link, and every endpoint
 * while a board is folded, is {@link #full()}: the default buffers, whose cost does not depend
 * on the width. An exchange of a channel-group plan is sized to its stream
 * ({@link LinkConfig#forStream}) once the folding fixes the stream's width.
 */
public record EndpointPlan(int lanes, int bufferWords) {
  public EndpointPlan {
    LinkConfig.withBuffers(lanes, Vendor.XILINX, bufferWords); // the link's own checks and messages
  }

  /** A full-rate endpoint with the default buffers (the planned link). */
  public static EndpointPlan full() {
    LinkConfig p = LinkConfig.planned();
    return new EndpointPlan(p.lanes(), p.replayWords());
  }

  public static EndpointPlan of(LinkConfig c) {
    if (c.replayWords() != c.rxFifoWords()) {
      throw new IllegalArgumentException("an endpoint plan has one buffer size; the link has " + c.replayWords()
          + " replay and " + c.rxFifoWords() + " FIFO words");
    }
    return new EndpointPlan(c.lanes(), c.replayWords());
  }

  /** The link built for it on a board of {@code vendor}. */
  public LinkConfig config(Vendor vendor) {
    return LinkConfig.withBuffers(lanes, vendor, bufferWords);
  }

  public boolean isFull() {
    return bufferWords == LinkConfig.planned().replayWords();
  }
}
