package org.shardwire.plan;

import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.boards.Board;

/**
 * The serial link between two neighbouring boards: the lanes both ends have for one neighbour,
 * at the slower end's payload rate (line rate x encoding efficiency, 64/66 for 64b/66b).
 *
 * <p>A frame crosses the link no faster than either of two limits allows: the lanes' payload
 * rate, and the link endpoint that {@code generate} builds, which sends at most one 64-bit payload
 * word per fabric cycle less its frame overhead and at most one credit window per round trip
 * ({@link LinkConfig#sustainedWordsPerCycle}). The endpoint's limit is the tighter one on every
 * board in the catalog (its 12.8 Gb/s at 200 MHz is under one lane's rate), so a cut whose tensor
 * needs more than ~0.94 words per cycle slows the pipeline: the plan counts that.
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

  /**
   * Fabric cycles at {@code clockMhz} to send streams of {@code bytes} each at once over lanes of
   * {@code laneLatencyCycles} one way, each through its own endpoint: the slower of the lanes'
   * payload rate for all of them and the slowest endpoint's sustained rate (a pipeline cut's one or
   * two tensors, a channel-group pair's exchanges).
   */
  public long cycles(java.util.List<Long> bytes, double clockMhz, int laneLatencyCycles) {
    long total = 0;
    long slowest = 0;
    for (long b : bytes) {
      total += b;
      slowest = Math.max(slowest, endpointCycles(b, laneLatencyCycles));
    }
    return Math.max(lineCycles(total, clockMhz), slowest);
  }

  /** Fabric cycles at {@code clockMhz} to send {@code bytes} at the lanes' payload rate (rounded up). */
  public long lineCycles(long bytes, double clockMhz) {
    double seconds = bytes * 8.0 / (capacityGbps() * 1e9);
    return (long) Math.ceil(seconds * clockMhz * 1e6 - 1e-9);
  }

  /**
   * Fabric cycles one built link endpoint takes to send {@code bytes} as packed 64-bit payload
   * words (every stream width the engines use packs whole beats into a word without waste), read
   * from the link's config: its lane words (full frames, as it sends them) and its credit window.
   */
  public static long endpointCycles(long bytes, int laneLatencyCycles) {
    LinkConfig link = LinkConfig.planned(); // one 64-bit beat per payload word
    return link.cyclesForBeats(payloadWords(bytes), laneLatencyCycles);
  }

  /** 64-bit payload words of {@code bytes} (whole beats packed without waste). */
  static long payloadWords(long bytes) {
    return (bytes + Long.BYTES - 1) / Long.BYTES;
  }
}
