package org.shardwire.plan;

import org.shardwire.boards.Board;

/**
 * The serial link between two neighbouring boards: the lanes both ends have for one neighbour,
 * at the slower end's payload rate (line rate x encoding efficiency, 64/66 for 64b/66b).
 * Framing (sequence numbers, CRC) is not subtracted yet: the link v1 frame size is not fixed.
 */
public record LinkBudget(int lanes, double lineRateGbps, double lanePayloadGbps) {
  public static LinkBudget between(Board a, Board b) {
    int lanes = Math.min(a.link().lanes(), b.link().lanes());
    double line = Math.min(a.link().lineRateGbps(), b.link().lineRateGbps());
    double payload = Math.min(a.link().lanePayloadGbps(), b.link().lanePayloadGbps());
    return new LinkBudget(lanes, line, payload);
  }

  public double capacityGbps() {
    return lanes * lanePayloadGbps;
  }

  /** Fabric cycles at {@code clockMhz} to send {@code bytes} (rounded up). */
  public long cycles(long bytes, double clockMhz) {
    double seconds = bytes * 8.0 / (capacityGbps() * 1e9);
    return (long) Math.ceil(seconds * clockMhz * 1e6 - 1e-9);
  }
}
