package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;

/**
 * The link soak (mvn -Pslow): 10^7 payload words over lanes of 5000 cycles each way with word
 * errors, none lost, duplicated or corrupted, at a rate only selective repeat keeps (go-back-N
 * moved 0.0028 words per cycle at 1e-2); and full throughput at that latency when the window
 * covers the round trip; a link reset of either end mid-stream recovers. Figures in bench/RESULTS.md.
 */
@Tag("slow")
class LinkSoakSlowTest {
  /** Buffers that cover a 5000-cycle lane's round trip (2 x 5000 + frame + keepalive < 16384 words). */
  static final LinkConfig WIDE = new LinkConfig(8, 32, 16384, 1024, 16384, 1 << 16, 16, 64, RamStyle.XILINX_BLOCK);

  @ParameterizedTest(name = "latency 5000, word error rate {0}")
  @CsvSource({"1e-4, 10000000, 0.8", "1e-2, 10000000, 0.25"})
  void tenMillionWordsArriveExactlyOnceInOrder(double errorRate, long words, double minWordsPerCycle) {
    LinkSoak.Result r = LinkSoak.run("soak-" + errorRate, WIDE, 5000, errorRate, words, 11);
    System.out.println("link soak, latency 5000, error rate " + errorRate + ": " + r.summary());
    assertEquals(words, r.delivered());
    assertEquals(0, r.lost(), "words lost");
    assertEquals(0, r.duplicated(), "words duplicated");
    assertEquals(0, r.corrupted(), "words corrupted");
    assertEquals(0, r.stat("stat_rx_credit_violations"));
    assertEquals(0, r.stat("stat_rx_staging_overflows"));
    assertTrue(r.stat("stat_rx_crc_errors") > 0, "the channel injected no damage");
    assertTrue(r.stat("stat_tx_selective_resends") > 0, "no frame was resent selectively");
    assertTrue(r.throughput() >= minWordsPerCycle, r.throughput() + " words/cycle, expected at least "
        + minWordsPerCycle);
  }

  @Test
  void aLongLaneRunsAtFullRateWhenTheWindowCoversItsRoundTrip() {
    LinkSoak.Result near = LinkSoak.run("rate-100", WIDE, 100, 0, 1_000_000, 12);
    LinkSoak.Result far = LinkSoak.run("rate-5000", WIDE, 5000, 0, 1_000_000, 12);
    System.out.println("link rate, latency 100: " + near.summary());
    System.out.println("link rate, latency 5000: " + far.summary());
    assertEquals(0, far.stat("stat_tx_frames_retransmitted"));
    assertTrue(far.throughput() >= 0.95 * near.throughput(),
        "latency 5000: " + far.throughput() + " words/cycle vs " + near.throughput() + " at latency 100");
  }

  @Test
  void aLinkEndResetMidStreamOnALongLaneRecovers() {
    List<LinkSoak.LinkReset> resets = List.of(new LinkSoak.LinkReset("rx", 300_000, 2000),
        new LinkSoak.LinkReset("tx", 600_000, 2000));
    LinkSoak.Result r = LinkSoak.run("reset-5000", WIDE, 5000, 1e-4, 1_000_000, 14, resets);
    System.out.println("link resets, latency 5000, error rate 1e-4: " + r.summary());
    assertEquals(1_000_000, r.delivered());
    assertEquals(0, r.lost() + r.duplicated() + r.corrupted());
    assertEquals(1, r.stat("stat_rx_link_resets"));
    assertEquals(1, r.stat("stat_tx_link_resets"));
  }

  @Test
  void theLongestLaneTheDefaultsCoverNeverResends() {
    LinkConfig c = LinkConfig.defaults(8, Vendor.XILINX);
    LinkSoak.Result r = LinkSoak.run("rtt-20000", c, LinkConfig.MAX_LANE_LATENCY, 0, 10_000, 13);
    System.out.println("link, latency 20000: " + r.summary());
    assertEquals(0, r.stat("stat_tx_frames_retransmitted"));
    assertEquals(0, r.stat("stat_tx_ack_timeouts"));
    assertEquals(0, r.lost() + r.duplicated() + r.corrupted());
  }
}
