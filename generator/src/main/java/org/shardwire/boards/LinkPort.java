package org.shardwire.boards;

/**
 * How a board talks to one neighbour: {@code lanes} serial lanes of {@code lineRateGbps} with a
 * line code that carries {@code encodingEfficiency} payload bits per line bit (64b/66b: 64/66).
 * {@code wiredLanes} is how many lanes the board brings out for board-to-board links in all.
 */
public record LinkPort(String transceiver, int wiredLanes, int lanes, double lineRateGbps, String encoding,
                       double refClockMhz) {
  public LinkPort {
    if (transceiver == null || transceiver.isBlank()) {
      throw new IllegalArgumentException("transceiver kind must not be blank");
    }
    if (lanes < 1 || lanes > wiredLanes) {
      throw new IllegalArgumentException("lanes per link must be 1.." + wiredLanes + " (the wired lanes), got " + lanes);
    }
    if (!(lineRateGbps > 0) || Double.isInfinite(lineRateGbps)) {
      throw new IllegalArgumentException("line rate must be a positive number of Gb/s, got " + lineRateGbps);
    }
    if (!(refClockMhz > 0) || Double.isInfinite(refClockMhz)) {
      throw new IllegalArgumentException("reference clock must be a positive number of MHz, got " + refClockMhz);
    }
    efficiency(encoding);
  }

  /** Payload bits per line bit of a line code; only 64b/66b (Aurora-style lanes) so far. */
  public static double efficiency(String encoding) {
    if ("64b/66b".equals(encoding)) {
      return 64.0 / 66.0;
    }
    throw new IllegalArgumentException("line encoding must be 64b/66b, got '" + encoding + "'");
  }

  public double encodingEfficiency() {
    return efficiency(encoding);
  }

  /** Payload Gb/s of one lane after line coding. */
  public double lanePayloadGbps() {
    return lineRateGbps * encodingEfficiency();
  }
}
