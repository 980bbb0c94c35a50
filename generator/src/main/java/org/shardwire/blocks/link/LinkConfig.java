package org.shardwire.blocks.link;

import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.MemorySpec;
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
 * @param flushIdleCycles cycles without input after which a partly filled frame is sent anyway; a
 *     sender whose gaps within a stream frame are shorter keeps every frame full (docs/link.md
 *     "Sparse senders")
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
  /** NAKed frames the transmitter may have waiting for a selective resend; more NAKs are dropped (the receiver repeats them). */
  public static final int RESEND_QUEUE_FRAMES = 16;

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
    return new LinkConfig(lanes, DEFAULT_FRAME_WORDS, 512, 32, 512, 1 << 16, DEFAULT_KEEPALIVE_CYCLES,
        DEFAULT_KEEPALIVE_CYCLES, vendor.defaultRamStyle());
  }

  private static final int DEFAULT_FRAME_WORDS = 32;

  /**
   * The receiver's keepalive period, and the transmitter's wait for more payload before it closes
   * a partly filled frame (docs/link.md "Sparse senders"). The round trip already allows one
   * keepalive period for an acknowledgment to leave the receiver, so a word held back for as long
   * reaches the receiver within the round trip the link is sized for (its window, the exchange
   * FIFOs of a channel-group plan), and a sender whose gaps within a stream frame stay under it
   * (ResNet-50 x4's cut from board 2 to board 3: one two-value beat per 18 cycles) keeps every frame
   * full.
   */
  private static final int DEFAULT_KEEPALIVE_CYCLES = 64;

  /**
   * Buffers of at most this many payload words are built in LUT RAM: 128 x 65 bits is about 130
   * LUTs (or ALMs), while the same buffer in block RAM takes a whole RAMB36 or two M20K, the
   * board's scarcer resource.
   */
  public static final int LUT_RAM_MAX_WORDS = 128;

  /**
   * A link whose replay buffer and receive FIFO are cut to what one stream can use on lanes of
   * {@code laneLatencyCycles} each way (docs/link.md "Buffers sized to the stream"): a stream
   * moves at most one beat per cycle, {@link #peakWordsPerCycle()} payload words, so a window of
   * that rate for one round trip plus a frame keeps the link at the stream's full speed (the
   * credit never runs out before the acknowledgment is back); a stream of fewer words per image
   * ({@code beatsPerFrame} beats) than that needs no more than its image plus a frame. Never more
   * than the defaults. Narrow streams (most exchanges of a channel-group plan are 1-2 values
   * wide) get buffers of 64-128 words, in LUT RAM ({@link #LUT_RAM_MAX_WORDS}).
   */
  public static LinkConfig forStream(int lanes, Vendor vendor, long beatsPerFrame, int laneLatencyCycles) {
    LinkConfig full = defaults(lanes, vendor);
    double peakWindow = full.peakWordsPerCycle() * full.roundTripCycles(laneLatencyCycles);
    long frameWords = full.wordsForBeats((int) Math.min(Integer.MAX_VALUE, Math.max(1, beatsPerFrame)));
    long window = (long) Math.ceil(Math.min(peakWindow, frameWords) - 1e-9) + full.maxFrameWords();
    return withBuffers(lanes, vendor, (int) Math.min(full.replayWords(), Long.highestOneBit(2 * window - 1)));
  }

  /**
   * The defaults with a replay buffer and receive FIFO of {@code bufferWords} payload words each,
   * in LUT RAM up to {@link #LUT_RAM_MAX_WORDS}, else in the vendor's block RAM.
   */
  public static LinkConfig withBuffers(int lanes, Vendor vendor, int bufferWords) {
    LinkConfig full = defaults(lanes, vendor);
    RamStyle style = bufferWords <= LUT_RAM_MAX_WORDS ? vendor.lutRamStyle() : vendor.defaultRamStyle();
    return new LinkConfig(lanes, full.maxFrameWords(), bufferWords, full.replayFrames(), bufferWords,
        full.ackTimeoutCycles(), full.flushIdleCycles(), full.keepaliveCycles(), style);
  }

  /**
   * Payload words per cycle of a stream that moves one beat every cycle: 1 / beats per word for
   * beats that share words, the lane's payload share for wider ones (a lane moves one word a cycle).
   */
  public double peakWordsPerCycle() {
    double lane = (double) maxFrameWords / (maxFrameWords + 2);
    return wordsPerBeat() > 1 || beatsPerWord() == 1 ? lane : 1.0 / beatsPerWord();
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

  /**
   * Link frames a stream frame (image) of {@code beats} beats takes when its sender pauses no longer
   * than {@link #flushIdleCycles} inside it: full frames, closed at its tlast.
   */
  public long framesForBeats(long beats) {
    return (beats + maxFrameBeats() - 1) / maxFrameBeats();
  }

  /**
   * Data-lane words (headers, payload, trailers) of a stream frame of {@code beats} beats ending in
   * tlast, sent once, from a sender whose pauses inside it are shorter than
   * {@link #flushIdleCycles}: what {@link LinkTx} sends, and what the plan counts (docs/link.md
   * "Sparse senders").
   */
  public long laneWordsForBeats(long beats) {
    return payloadWordsForBeats(beats) + 2 * framesForBeats(beats);
  }

  /** Payload words of a stream frame of {@code beats} beats cut into full link frames. */
  public long payloadWordsForBeats(long beats) {
    long full = beats / maxFrameBeats();
    int rest = (int) (beats % maxFrameBeats());
    return full * wordsForBeats(maxFrameBeats()) + wordsForBeats(rest);
  }

  /**
   * Cycles this link takes to send a stream frame of {@code beats} beats on lanes of
   * {@code laneLatencyCycles} each way: its data-lane words ({@link #laneWordsForBeats}), one per
   * cycle, and no faster than one credit window per round trip.
   */
  public long cyclesForBeats(long beats, int laneLatencyCycles) {
    double windowCycles = (double) payloadWordsForBeats(beats) * roundTripCycles(laneLatencyCycles) / windowWords();
    return Math.max(laneWordsForBeats(beats), (long) Math.ceil(windowCycles - 1e-9));
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

  // ---- the memories the endpoints build: the one place their shapes and styles are counted ----

  /** Payload words of the transmitter's unacknowledged frames, addressed by word offset. */
  public MemorySpec replayMemory() {
    return new MemorySpec("replay", usedWordBits(), replayWords, ramStyle);
  }

  /** Per frame slot: the cumulative word offset where the frame ends. */
  public MemorySpec frameEndsMemory() {
    return new MemorySpec("frame_ends", LinkFrame.FIELD_BITS, replayFrames, descriptorStyle());
  }

  /** Per frame slot: the header's fields {tlast, beats, words}. */
  public MemorySpec frameInfoMemory() {
    return new MemorySpec("frame_info", 2 * LinkFrame.FIELD_BITS + 1, replayFrames, descriptorStyle());
  }

  /** Per frame slot: {sequence number, cycle} of its last resend, so repeated NAKs of it within a round trip are ignored. */
  public MemorySpec resendStampsMemory() {
    return new MemorySpec("resend_stamps", LinkFrame.FIELD_BITS + stampBits(), replayFrames, descriptorStyle());
  }

  /** Cycle stamps of resends: they wrap after 8 acknowledgment timeouts, far longer than a frame waits. */
  public int stampBits() {
    return Memory.addressWidth(ackTimeoutCycles) + 3;
  }

  /** Sequence numbers the receiver NAKed, waiting for their selective resend. */
  public MemorySpec resendQueueMemory() {
    return new MemorySpec("resend_queue", LinkFrame.FIELD_BITS, RESEND_QUEUE_FRAMES, descriptorStyle());
  }

  public List<MemorySpec> txMemories() {
    return List.of(replayMemory(), frameEndsMemory(), frameInfoMemory(), resendStampsMemory(), resendQueueMemory());
  }

  /** A receiver FIFO entry: {tlast of its last beat, beats in it - 1 (narrow beats only), payload}. */
  public int rxEntryBits() {
    return 1 + (beatsPerWord() > 1 ? Widths.log2(beatsPerWord()) : 0) + usedWordBits();
  }

  public MemorySpec rxFifoMemory() {
    return new MemorySpec("fifo", rxEntryBits(), rxFifoWords, ramStyle);
  }

  /**
   * Payload words of received frames before their CRC is checked, and of good frames waiting to be
   * placed in the FIFO: a frame being received plus at most one frame's words of backlog (placing
   * runs at one word per cycle, frames arrive slower), so two frames' worth.
   */
  public int stagingWords() {
    return 2 * Integer.highestOneBit(2 * maxFrameWords - 1);
  }

  public MemorySpec stagingMemory() {
    return new MemorySpec("staging", rxEntryBits(), stagingWords(), descriptorStyle());
  }

  /** Good frames waiting to be placed: at most one per staged word. */
  public int placeJobs() {
    return stagingWords();
  }

  /** Per placement job: {sequence number, payload words, start offset}. */
  public MemorySpec placeJobsMemory() {
    return new MemorySpec("place_jobs", 3 * LinkFrame.FIELD_BITS, placeJobs(), descriptorStyle());
  }

  /** Per frame slot: the sequence number of the frame placed in the FIFO there (not yet committed). */
  public MemorySpec frameSlotSeqsMemory() {
    return new MemorySpec("frame_slot_seqs", LinkFrame.FIELD_BITS, replayFrames, descriptorStyle());
  }

  /** Per frame slot: the end offset of the frame placed there. */
  public MemorySpec frameSlotEndsMemory() {
    return new MemorySpec("frame_slot_ends", LinkFrame.FIELD_BITS, replayFrames, descriptorStyle());
  }

  public List<MemorySpec> rxMemories() {
    return List.of(rxFifoMemory(), stagingMemory(), placeJobsMemory(), frameSlotSeqsMemory(), frameSlotEndsMemory());
  }

  /**
   * LUTs of a {@link LinkTx} besides its block RAM (framing, CRC network, credits, acknowledgment
   * and resend control, its LUT RAM), calibrated with yosys on the default 8-lane Xilinx endpoint
   * ({@code LinkYosysSlowTest}, bench/RESULTS.md).
   */
  public long txLuts() {
    return TX_LUTS;
  }

  /** LUTs of a {@link LinkRx} besides its block RAM, calibrated as {@link #txLuts()}. */
  public long rxLuts() {
    return RX_LUTS;
  }

  private static final long TX_LUTS = 1580;
  private static final long RX_LUTS = 1630;

  public String txModuleName() {
    return "link_tx_l" + lanes + "_f" + maxFrameWords + "_r" + replayWords + "x" + replayFrames + "_t"
        + ackTimeoutCycles + "_i" + flushIdleCycles + "_" + ramStyle.value().toLowerCase();
  }

  public String rxModuleName() {
    return "link_rx_l" + lanes + "_f" + maxFrameWords + "_q" + rxFifoWords + "_k" + keepaliveCycles + "_"
        + ramStyle.value().toLowerCase();
  }
}
