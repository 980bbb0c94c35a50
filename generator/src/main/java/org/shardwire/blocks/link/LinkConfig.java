package org.shardwire.blocks.link;

import org.shardwire.blocks.Widths;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;

/**
 * One serial link: a {@link LinkTx} on one board and a {@link LinkRx} on the next, joined by a
 * data lane and a reverse control lane (docs/link.md). Both endpoints are built from the same
 * config, so they agree on the stream width and the frame limits.
 *
 * @param lanes int8 values per stream beat (beat = 8 * lanes bits, 8..512)
 * @param maxFrameWords payload words per frame at most; longer frames waste less on the header
 *     and trailer, shorter ones resend less after an error
 * @param replayWords transmitter replay buffer (on-chip RAM), in payload words: frames stay there
 *     until acknowledged, so it bounds the data in flight
 * @param replayFrames frames the transmitter may have unacknowledged (descriptor table entries)
 * @param rxFifoWords receiver FIFO in payload words; its free space is the credit it grants
 * @param ackTimeoutCycles cycles without acknowledgment progress after which the transmitter
 *     resends from the first unacknowledged frame; must exceed the round trip
 * @param flushIdleCycles cycles without input after which a partly filled frame is sent anyway
 * @param keepaliveCycles the receiver repeats its credit/ack state at least this often, so a
 *     control frame lost to a bit error is replaced
 * @param ramStyle memory primitive of the replay buffer and the receive FIFO (the vendor's block RAM)
 */
public record LinkConfig(int lanes, int maxFrameWords, int replayWords, int replayFrames, int rxFifoWords,
    int ackTimeoutCycles, int flushIdleCycles, int keepaliveCycles, RamStyle ramStyle) {

  public static final int MAX_LANES = 64;
  public static final int MAX_FRAME_WORDS = 1024;
  /** Word offsets and credit limits are 16-bit counters; buffers must keep differences below 2^15. */
  public static final int MAX_BUFFER_WORDS = 16384;
  /** The longest lane, in cycles each way, that the default acknowledgment timeout covers. */
  public static final int MAX_LANE_LATENCY = 20_000;
  /** Cycles an endpoint adds to a round trip (lane registers, control frame, CRC check). */
  static final int ENDPOINT_CYCLES = 16;
  public static final int MAX_REPLAY_FRAMES = 1024;

  public LinkConfig {
    if (lanes < 1 || lanes > MAX_LANES) {
      throw new IllegalArgumentException("link: lanes (int8 values per beat) must be in 1.." + MAX_LANES + "; got " + lanes);
    }
    if (maxFrameWords < 1 || maxFrameWords > MAX_FRAME_WORDS) {
      throw new IllegalArgumentException("link: maxFrameWords must be in 1.." + MAX_FRAME_WORDS + "; got " + maxFrameWords);
    }
    int wordsPerBeat = (lanes * Widths.INT8 + LinkFrame.WORD_BITS - 1) / LinkFrame.WORD_BITS;
    if (maxFrameWords < wordsPerBeat) {
      throw new IllegalArgumentException("link: maxFrameWords (" + maxFrameWords + ") must hold one beat of "
          + lanes * Widths.INT8 + " bits = " + wordsPerBeat + " words");
    }
    checkBuffer("replayWords", replayWords, maxFrameWords);
    checkBuffer("rxFifoWords", rxFifoWords, maxFrameWords);
    if (!Widths.isPowerOfTwo(replayFrames) || replayFrames < 2 || replayFrames > MAX_REPLAY_FRAMES) {
      throw new IllegalArgumentException("link: replayFrames must be a power of two in 2.." + MAX_REPLAY_FRAMES
          + "; got " + replayFrames);
    }
    if (ackTimeoutCycles < 16 || ackTimeoutCycles > (1 << 24)) {
      throw new IllegalArgumentException("link: ackTimeoutCycles must be in 16..2^24; got " + ackTimeoutCycles);
    }
    if (flushIdleCycles < 1 || flushIdleCycles > (1 << 16)) {
      throw new IllegalArgumentException("link: flushIdleCycles must be in 1..65536; got " + flushIdleCycles);
    }
    if (keepaliveCycles < 8 || keepaliveCycles > (1 << 24)) {
      throw new IllegalArgumentException("link: keepaliveCycles must be in 8..2^24; got " + keepaliveCycles);
    }
    if (ramStyle == null) {
      throw new IllegalArgumentException("link: ramStyle must be given (the vendor's block RAM)");
    }
  }

  private static void checkBuffer(String name, int words, int maxFrameWords) {
    if (!Widths.isPowerOfTwo(words) || words < maxFrameWords || words > MAX_BUFFER_WORDS) {
      throw new IllegalArgumentException("link: " + name + " must be a power of two in maxFrameWords ("
          + maxFrameWords + ").." + MAX_BUFFER_WORDS + "; got " + words);
    }
  }

  /**
   * Defaults for a board link: 32-word frames (94% payload), one 512 x 72 block RAM for the
   * replay buffer and one for the receive FIFO, enough for a round trip of a few hundred cycles
   * at full rate. The acknowledgment timeout (2^16 cycles) covers the round trip of lanes up to
   * {@link #MAX_LANE_LATENCY} cycles each way; the transmitter shortens it to twice the round trip
   * it measures (docs/link.md "Round trip"), so a lost frame on a short lane is resent soon.
   */
  public static LinkConfig defaults(int lanes, Vendor vendor) {
    return new LinkConfig(lanes, 32, 512, 32, 512, 1 << 16, 16, 64, vendor.defaultRamStyle());
  }

  /**
   * The default link as the planner sees it before the stream widths are known: its window, round
   * trip and sustained rate depend neither on the beat width nor on the vendor.
   */
  public static LinkConfig planned() {
    return defaults(8, Vendor.XILINX);
  }

  /** The one-way lane latency, in fabric cycles, that plans assume unless told otherwise. */
  public static final int DEFAULT_LANE_LATENCY = 100;

  /**
   * Cycles from a frame's first word leaving the transmitter to the acknowledgment that covers
   * it arriving back, on lanes of {@code laneLatencyCycles} each way: both lanes, the frame
   * itself, at most one keepalive period of waiting for a control frame, and the endpoints.
   */
  public int roundTripCycles(int laneLatencyCycles) {
    return 2 * laneLatencyCycles + maxFrameWords + 2 + keepaliveCycles + ENDPOINT_CYCLES;
  }

  /** Payload words that may be unacknowledged (replay buffer) and uncredited (receive FIFO) at once. */
  public int windowWords() {
    return Math.min(replayWords, rxFifoWords);
  }

  /**
   * Payload words per cycle the link sustains on lanes of that latency: the frame overhead's
   * share of the lane, and no more than one window per round trip.
   */
  public double sustainedWordsPerCycle(int laneLatencyCycles) {
    double lane = (double) maxFrameWords / (maxFrameWords + 2);
    return Math.min(lane, (double) windowWords() / roundTripCycles(laneLatencyCycles));
  }

  public int beatBits() {
    return lanes * Widths.INT8;
  }

  /** Beats packed into one 64-bit payload word (1, 2, 4 or 8; 1 for beats wider than 32 bits). */
  public int beatsPerWord() {
    return beatBits() <= LinkFrame.WORD_BITS ? LinkFrame.WORD_BITS / beatBits() : 1;
  }

  /** Payload words one beat occupies (1 for beats of up to 64 bits). */
  public int wordsPerBeat() {
    return (beatBits() + LinkFrame.WORD_BITS - 1) / LinkFrame.WORD_BITS;
  }

  /** Bits of a payload word that carry beats; the rest are zero on the lane. */
  public int usedWordBits() {
    return wordsPerBeat() > 1 ? LinkFrame.WORD_BITS : beatsPerWord() * beatBits();
  }

  /** Payload words a frame of {@code beats} beats occupies. */
  public int wordsForBeats(int beats) {
    return wordsPerBeat() > 1 ? beats * wordsPerBeat() : (beats + beatsPerWord() - 1) / beatsPerWord();
  }

  /** Beats a full frame holds. */
  public int maxFrameBeats() {
    return wordsPerBeat() > 1 ? maxFrameWords / wordsPerBeat() : maxFrameWords * beatsPerWord();
  }

  public AxisShape streamShape() {
    return AxisShape.data(beatBits()).withLast();
  }

  /** LUT RAM of the same vendor, for the small frame-descriptor table. */
  public RamStyle descriptorStyle() {
    return ramStyle.vendor().lutRamStyle();
  }

  public int replayAddressWidth() {
    return Memory.addressWidth(replayWords);
  }

  public int rxAddressWidth() {
    return Memory.addressWidth(rxFifoWords);
  }

  public String txModuleName() {
    return "link_tx_l" + lanes + "_f" + maxFrameWords + "_r" + replayWords + "x" + replayFrames + "_t"
        + ackTimeoutCycles + "_i" + flushIdleCycles + "_" + ramStyle.value().toLowerCase();
  }

  public String rxModuleName() {
    return "link_rx_l" + lanes + "_f" + maxFrameWords + "_q" + rxFifoWords + "_k" + keepaliveCycles + "_"
        + ramStyle.value().toLowerCase();
  }
}
