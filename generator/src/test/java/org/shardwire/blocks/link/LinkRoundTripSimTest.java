package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.shardwire.hdl.Vendor;

/**
 * The acknowledgment timeout follows the round trip: on a lane far longer than the old fixed
 * 1024-cycle timeout, a clean link never resends, and the transmitter measures the round trip
 * the config predicts.
 */
class LinkRoundTripSimTest {

  @Test
  void aLongCleanLaneNeverResendsAndTheRoundTripIsMeasured() {
    LinkConfig c = LinkConfig.defaults(8, Vendor.XILINX);
    int latency = 3000;
    LinkSoak.Result r = LinkSoak.run("round-trip-3000", c, latency, 0, 20_000, 5);
    System.out.println("link round trip, latency " + latency + ": " + r.summary());
    assertEquals(20_000, r.delivered());
    assertEquals(0, r.lost() + r.duplicated() + r.corrupted());
    assertEquals(0, r.stat("stat_tx_frames_retransmitted"), "a clean link resent frames");
    assertEquals(0, r.stat("stat_tx_ack_timeouts"));
    long measured = r.stat("stat_tx_round_trip_cycles");
    assertTrue(measured >= 2L * latency && measured <= c.roundTripCycles(latency),
        "measured round trip " + measured + " outside [" + 2 * latency + ", " + c.roundTripCycles(latency) + "]");
    // One window per round trip: 512 words per ~6100 cycles.
    assertEquals(c.sustainedWordsPerCycle(latency), r.throughput(), 0.1 * c.sustainedWordsPerCycle(latency));
  }

  @Test
  void errorsOnAShortLaneAreRecoveredWithTheMeasuredTimeoutNotTheConfiguredOne() {
    LinkConfig c = LinkConfig.defaults(8, Vendor.XILINX);
    LinkSoak.Result r = LinkSoak.run("round-trip-errors", c, 40, 2e-3, 100_000, 6);
    System.out.println("link round trip, latency 40, error rate 2e-3: " + r.summary());
    assertEquals(100_000, r.delivered());
    assertEquals(0, r.lost() + r.duplicated() + r.corrupted());
    assertTrue(r.stat("stat_tx_frames_retransmitted") > 0, "errors but no resend");
    // A timeout costs at most twice the round trip plus slack (~500 cycles here), not 65536:
    // the run would take several times longer otherwise.
    assertTrue(r.cycles() < 100_000 * 3L, "took " + r.cycles() + " cycles");
  }
}
