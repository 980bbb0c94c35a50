package org.shardwire.plan;

import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.model.Shape;

/**
 * The link from board {@code from} to board {@code to}: the one tensor crossing the cut, its bytes
 * per frame, the lanes and their payload capacity, and the cycles per frame (at the plan's clock)
 * it takes to send one frame. A pipeline link joins board k to k + 1; under channel groups a link
 * is one exchanged stream between any two boards, and {@code cycles} is the time the pair's lanes
 * take for every stream they carry in that direction (docs/channel-groups.md).
 */
public record LinkPlan(int from, int to, String tensor, Shape shape, int lanes, double lineRateGbps,
                       double capacityGbps, long cycles) {
  public LinkPlan {
    if (to == from || from < 0 || to < 0 || lanes < 1 || !(capacityGbps > 0) || cycles < 0) {
      throw new IllegalArgumentException("link " + from + " -> " + to + ": bad link plan");
    }
  }

  /** int8 tensor: one byte per element. */
  public long bytesPerFrame() {
    return shape.elements();
  }

  /**
   * Data-lane words (headers, payload, trailers) the built link sends per frame, resends aside:
   * full link frames, the last closed at the frame's tlast, as its transmitter sends them for any
   * sender whose pauses inside a frame stay under the transmitter's flush wait (docs/link.md
   * "Sparse senders"). The link's config owns the count.
   */
  public long laneWordsPerFrame() {
    return LinkConfig.planned().laneWordsForBeats(LinkBudget.payloadWords(bytesPerFrame()));
  }

  /** Payload Gb/s the link must carry at {@code fps} frames per second. */
  public double neededGbps(double fps) {
    return bytesPerFrame() * 8.0 * fps / 1e9;
  }

  /** Share of the lanes' payload capacity used at {@code fps}. */
  public double utilisation(double fps) {
    return neededGbps(fps) / capacityGbps;
  }
}
