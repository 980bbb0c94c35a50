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
import org.shardwire.sim.SimResult;

/** Wider sweep of the loopback (run with -Pslow): every packing case, long channels, heavy errors. */
@Tag("slow")
class LinkSweepSlowTest {

  @ParameterizedTest(name = "lanes={0} frame={1} fifo={2} latency={3} error=1/{4} flipCtrl={5}")
  @CsvSource({
      "2, 8, 16, 3, 100, false",
      "3, 32, 64, 30, 300, false",
      "5, 1, 8, 4, 200, false",
      "8, 64, 128, 60, 500, true",
      "9, 7, 16, 11, 150, false",
      "17, 24, 64, 25, 250, true",
      "64, 16, 32, 8, 120, false"
  })
  void deliversExactlyAcrossTheSweep(int lanes, int frameWords, int fifoWords, int latency, int oneIn, boolean flip) {
    LinkConfig c = new LinkConfig(lanes, frameWords, Math.max(64, 2 * fifoWords), 8, fifoWords,
        Math.max(128, 8 * latency + 4 * frameWords), 8, 32, RamStyle.XILINX_BLOCK);
    ChannelParams data = new ChannelParams(latency, 1.0 / oneIn, 0x900 + lanes, flip);
    ChannelParams control = new ChannelParams(latency, 1.0 / oneIn, 0xA00 + lanes, flip);
    int beats = 3000 * c.beatsPerWord() / c.wordsPerBeat();
    List<LinkFrame.Beat> stream = LoopbackBench.randomBeats(c, beats, 40, 1000 + lanes);
    SimResult r = LoopbackBench.run("link-sweep/l" + lanes + "-f" + frameWords, c, data, control, stream, null, 25, 40);
    assertEquals(beats, r.status("stat_rx_beats_out"));
    assertEquals(0, r.status("stat_rx_credit_violations"));
    assertTrue(r.status("stat_tx_frames_retransmitted") > 0, "errors but no retransmission");
    LinkLoopbackSimTest.report("sweep lanes=" + lanes, r);
  }

  /** A long round trip (2 x 150 cycles) is covered by the default 512-word buffers at full rate. */
  @Test
  void longRoundTripKeepsFullRate() {
    LinkConfig c = LinkConfig.defaults(8, Vendor.XILINX);
    List<LinkFrame.Beat> stream = LoopbackBench.randomBeats(c, 16384, 5000, 3);
    SimResult r = LoopbackBench.run("link-long-rtt", c, ChannelParams.clean(150), ChannelParams.clean(150), stream,
        LoopbackBench.expectedLane(c, stream), 0, 0);
    SimResult.PortStats out = r.outputs().get("m_axis");
    double efficiency = (double) out.beats() / (out.lastCycle() - out.firstCycle() + 1);
    System.out.printf("link long round trip: efficiency %.4f%n", efficiency);
    assertTrue(efficiency >= 0.90, "payload efficiency " + efficiency);
    // The transmitter waits only at the start, for the first credit to cross the control channel.
    assertTrue(r.status("stat_tx_credit_stall_cycles") < 200, "credit stalls " + r.status("stat_tx_credit_stall_cycles"));
  }
}
