package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.hdl.Vendor;

/**
 * A link end reset mid-stream (docs/link.md "Link reset"): the transmitter, the receiver or both
 * get {@code link_rst} while words flow, with and without bit errors, and every payload word still
 * arrives exactly once and in order. The resets are raised by the soak driver when the receiver
 * has delivered a given number of words, so they hit a busy link: frames are cut in the middle on
 * the lane and resent.
 */
class LinkResetSimTest {
  private static final LinkConfig C = LinkConfig.defaults(8, Vendor.XILINX);
  private static final long WORDS = 60_000;

  @ParameterizedTest(name = "{0} reset(s), word error rate {1}")
  @CsvSource({
      "tx@20000:40, 0",
      "rx@20000:40, 0",
      "both@20000:40, 0",
      // Long resets (a lane down for thousands of cycles), one of each end, one after the other.
      "tx@10000:3000;rx@30000:3000, 0",
      "rx@10000:7;tx@25000:1;both@40000:500, 1e-3"})
  void everyWordArrivesOnceInOrderAcrossLinkResets(String schedule, double errorRate) {
    List<LinkSoak.LinkReset> resets = parse(schedule);
    LinkSoak.Result r = LinkSoak.run("reset-" + schedule.replaceAll("[^a-z0-9]", "_") + "-" + errorRate, C, 100,
        errorRate, WORDS, 21, resets);
    System.out.println("link resets " + schedule + ", error rate " + errorRate + ": " + r.summary());
    assertEquals(WORDS, r.delivered());
    assertEquals(0, r.lost(), "words lost");
    assertEquals(0, r.duplicated(), "words duplicated");
    assertEquals(0, r.corrupted(), "words corrupted");
    assertEquals(0, r.stat("stat_rx_credit_violations"));
    long txResets = resets.stream().filter(x -> !x.end().equals("rx")).count();
    long rxResets = resets.stream().filter(x -> !x.end().equals("tx")).count();
    assertEquals(txResets, r.stat("stat_tx_link_resets"));
    assertEquals(rxResets, r.stat("stat_rx_link_resets"));
    // The resets hit traffic: frames were cut on the lane and had to be sent again.
    assertTrue(r.stat("stat_tx_frames_retransmitted") > 0, "no frame was resent: the reset hit no traffic");
  }

  private static List<LinkSoak.LinkReset> parse(String schedule) {
    return java.util.Arrays.stream(schedule.split(";")).map(s -> {
      String[] endRest = s.split("@");
      String[] atHold = endRest[1].split(":");
      return new LinkSoak.LinkReset(endRest[0], Long.parseLong(atHold[0]), Long.parseLong(atHold[1]));
    }).toList();
  }
}
