package org.shardwire.plan;

import org.shardwire.model.Shape;

/**
 * The link from board {@code from} to board {@code to}: the one tensor crossing the cut, its bytes
 * per frame, the lanes and their payload capacity, and the cycles per frame (at the plan's clock)
 * it takes to send one frame.
 */
public record LinkPlan(int from, int to, String tensor, Shape shape, int lanes, double lineRateGbps,
                       double capacityGbps, long cycles) {
  public LinkPlan {
    if (to != from + 1 || lanes < 1 || !(capacityGbps > 0) || cycles < 0) {
      throw new IllegalArgumentException("link " + from + " -> " + to + ": bad link plan");
    }
  }

  /** int8 tensor: one byte per element. */
  public long bytesPerFrame() {
    return shape.elements();
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
