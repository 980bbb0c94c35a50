package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shardwire.hdl.Vendor;
import org.shardwire.sim.SimResult;

/**
 * A sender that emits sparsely (docs/link.md "Sparse senders"): two-value beats, as ResNet-50 x4
 * sends from board 2 to board 3, in bursts with idle cycles between, as a weight-tile engine
 * drains or a slow engine paces its output. The default link must frame them as the plan counts
 * ({@link LinkConfig#laneWordsForBeats}: full frames, the last one closed at tlast), and a sender
 * that pauses longer than the flush wait must still see its frame sent after that wait.
 */
class LinkSparseSenderSimTest {
  private static final int LANES = 2;
  private static final int IMAGES = 3;
  private static final int BEATS_PER_IMAGE = 2000; // 500 payload words: 15 full frames and one of 20 words

  /**
   * Bursts of 4 beats, 40 idle cycles apart: longer pauses than the 16-cycle wait the link had
   * (which sent every burst as a frame of one payload word, 3 lane words per 4 beats instead of
   * 1.06 per 4), shorter than the wait it has.
   */
  @Test
  void burstySenderIsFramedAsThePlanCounts() {
    LinkConfig c = LinkConfig.defaults(LANES, Vendor.XILINX);
    BurstGate.Pattern bursts = new BurstGate.Pattern(4, 40);
    assertTrue(bursts.idleCycles() < c.flushIdleCycles(), "the pattern must pause less than the flush wait");
    SimResult r = LoopbackBench.run("link-sparse/bursts", c, ChannelParams.clean(100), ChannelParams.clean(100),
        images(c), null, 0, 0, bursts);

    assertEquals((long) IMAGES * BEATS_PER_IMAGE, r.status("stat_rx_beats_out"));
    assertEquals(IMAGES * c.framesForBeats(BEATS_PER_IMAGE), r.status("stat_tx_frames_sent"),
        "link frames per image: the plan counts full frames, closed at tlast");
    assertEquals(IMAGES * c.laneWordsForBeats(BEATS_PER_IMAGE), r.status("stat_tx_words_sent"),
        "data-lane words per image differ from the plan's count");
    assertEquals(IMAGES * c.payloadWordsForBeats(BEATS_PER_IMAGE), r.status("stat_tx_payload_words_sent"));
    assertEquals(0, r.status("stat_tx_frames_retransmitted"));
    LinkLoopbackSimTest.report("sparse sender, bursts of 4 every 44 cycles", r);
  }

  /**
   * Pauses longer than the flush wait: the transmitter does not hold a partial frame for more than
   * the wait, so each burst leaves as its own frame (a sender that stops mid-image, e.g. while it
   * waits for another board, is never held back by the link), and tlast still closes a frame at once.
   */
  @Test
  void pauseLongerThanTheWaitClosesTheFrame() {
    LinkConfig c = LinkConfig.defaults(LANES, Vendor.XILINX);
    BurstGate.Pattern bursts = new BurstGate.Pattern(40, 3 * c.flushIdleCycles());
    List<LinkFrame.Beat> stream = images(c);
    SimResult r = LoopbackBench.run("link-sparse/pauses", c, ChannelParams.clean(100), ChannelParams.clean(100),
        stream, null, 0, 0, bursts);

    // 2000 beats = 50 bursts of 40 beats (10 payload words each), every one closed by the wait or by tlast.
    long burstsPerImage = BEATS_PER_IMAGE / bursts.beats();
    assertEquals((long) IMAGES * BEATS_PER_IMAGE, r.status("stat_rx_beats_out"));
    assertEquals(IMAGES * burstsPerImage, r.status("stat_tx_frames_sent"));
    assertEquals(IMAGES * burstsPerImage * (c.wordsForBeats(bursts.beats()) + 2), r.status("stat_tx_words_sent"));
    LinkLoopbackSimTest.report("sparse sender, bursts of 40 every " + (40 + bursts.idleCycles()) + " cycles", r);
  }

  /** {@link #IMAGES} images of {@link #BEATS_PER_IMAGE} random beats, tlast on each image's last beat. */
  private static List<LinkFrame.Beat> images(LinkConfig c) {
    Random rnd = new Random(0x5ba25eL);
    List<LinkFrame.Beat> beats = new ArrayList<>();
    for (int i = 0; i < IMAGES * BEATS_PER_IMAGE; i++) {
      beats.add(new LinkFrame.Beat(new BigInteger(c.beatBits(), rnd), (i + 1) % BEATS_PER_IMAGE == 0));
    }
    return beats;
  }
}
