package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.hdl.RamStyle;
import org.shardwire.sim.SimResult;

/**
 * LinkTx -> lossy, slow channel -> LinkRx, with the control lane back through another channel,
 * under random input gaps and output back-pressure. The driver checks the delivered stream beat
 * for beat (in order, exactly once, tlast included); the status counters show what happened.
 */
class LinkLoopbackSimTest {

  // 8-bit beats (8 per word) and 128-bit beats (2 words each); 32-bit beats (2 per word) run
  // under errors in tinyReceiveBufferNeverOverflows, and every width in LinkSweepSlowTest.
  @ParameterizedTest(name = "lanes={0}")
  @ValueSource(ints = {1, 16})
  void deliversEveryBeatOnceInOrderDespiteBitErrors(int lanes) {
    LinkConfig c = new LinkConfig(lanes, 16, 128, 16, 64, 256, 16, 64, RamStyle.XILINX_BLOCK);
    // The 128-bit case also flips control flags: framing must survive words that change kind.
    ChannelParams data = new ChannelParams(9, 1.0 / 150, 0x1234 + lanes, lanes == 16);
    ChannelParams control = new ChannelParams(7, 1.0 / 150, 0x4321 + lanes, lanes == 16);
    int beats = 2000 * c.beatsPerWord() / c.wordsPerBeat();
    List<LinkFrame.Beat> stream = LoopbackBench.randomBeats(c, beats, 60, lanes);
    SimResult r = LoopbackBench.run("link-errors/l" + lanes, c, data, control, stream, null, 30, 30);

    assertEquals(beats, r.status("stat_rx_beats_out"));
    assertTrue(r.status("stat_data_channel_words_corrupted") > 0, "the data channel injected no errors");
    assertTrue(r.status("stat_control_channel_words_corrupted") > 0, "the control channel injected no errors");
    assertTrue(r.status("stat_rx_crc_errors") + r.status("stat_rx_frame_errors") > 0, "no damaged frame was seen");
    assertTrue(r.status("stat_tx_frames_retransmitted") > 0, "errors but no retransmission");
    assertEquals(0, r.status("stat_rx_credit_violations"));
    report("errors lanes=" + lanes, r);
  }

  @Test
  void tinyReceiveBufferNeverOverflows() {
    // Four-word frames into an eight-word FIFO drained at a quarter of the rate: the
    // transmitter waits for credit most of the time, and bit errors still force resends.
    LinkConfig c = new LinkConfig(4, 4, 16, 4, 8, 128, 4, 32, RamStyle.XILINX_BLOCK);
    ChannelParams data = new ChannelParams(5, 1.0 / 200, 0x51, false);
    ChannelParams control = new ChannelParams(5, 1.0 / 200, 0x52, false);
    List<LinkFrame.Beat> stream = LoopbackBench.randomBeats(c, 3000, 25, 99);
    SimResult r = LoopbackBench.run("link-tiny", c, data, control, stream, null, 20, 75);

    assertEquals(3000, r.status("stat_rx_beats_out"));
    assertEquals(0, r.status("stat_rx_credit_violations"), "a frame arrived that the FIFO had no room for");
    assertTrue(r.status("stat_tx_credit_stall_cycles") > 1000, "the credit limit never held the transmitter back");
    assertTrue(r.status("stat_tx_frames_retransmitted") > 0, "errors but no retransmission");
    report("tiny buffer", r);
  }

  /**
   * Long frames, no errors, no pauses: the data lane carries exactly the reference encoder's
   * frames (format as documented), and at least 90% of lane words carry payload (32 payload
   * words per 34-word frame: 94% at most).
   */
  @Test
  void longFramesKeepTheLaneBusyWithPayload() {
    LinkConfig c = LinkConfig.defaults(8, org.shardwire.hdl.Vendor.XILINX);
    List<LinkFrame.Beat> stream = LoopbackBench.randomBeats(c, 8192, 2000, 8);
    List<LinkFrame.Word> lane = LoopbackBench.expectedLane(c, stream);
    SimResult r = LoopbackBench.run("link-throughput", c, ChannelParams.clean(20), ChannelParams.clean(20), stream, lane,
        0, 0);

    SimResult.PortStats out = r.outputs().get("m_axis");
    double efficiency = (double) out.beats() / (out.lastCycle() - out.firstCycle() + 1);
    System.out.printf("link throughput: %d payload words in %d cycles = %.4f of lane words carry payload%n",
        out.beats(), out.lastCycle() - out.firstCycle() + 1, efficiency);
    assertTrue(efficiency >= 0.90, "payload efficiency " + efficiency + " < 0.90");
    assertEquals(0, r.status("stat_tx_frames_retransmitted"));
    assertEquals(0, r.status("stat_rx_crc_errors"));
    assertEquals(0, r.status("stat_tap_dropped"));
    assertEquals(lane.size(), r.status("stat_tx_words_sent"));
    report("throughput", r);
  }

  static void report(String what, SimResult r) {
    StringBuilder sb = new StringBuilder(String.format("link %s: cycles=%d sim_speed=%.0f_cycles/s", what, r.cycles(),
        r.cyclesPerSecond()));
    r.status().forEach((k, v) -> sb.append(' ').append(k.replace("stat_", "")).append('=').append(v));
    System.out.println(sb);
  }
}
