package org.shardwire.blocks.link;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.Switch;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * The sending end of a link (docs/link.md): packs stream beats into payload words in a replay
 * buffer, cuts them into frames, sends each frame as header, payload and CRC trailer on the data
 * lane ({@code lane_out}) when the receiver has granted credit for it, and keeps it until the
 * receiver acknowledges it on the control lane ({@code lane_in}). On a NAK or when
 * acknowledgments stop, it resends from the first unacknowledged frame (go-back-N).
 *
 * <p>Word offsets are cumulative 16-bit counts of payload words since reset: frame n occupies
 * offsets [end(n-1), end(n)). The receiver grants credit as a limit on these offsets, so a
 * resent frame needs no new credit and a lost control frame is superseded by the next one.
 */
public final class LinkTx extends LinkEndpoint {
  private static final int F = LinkFrame.FIELD_BITS;
  private static final int KIND_IDLE = 0;
  private static final int KIND_HEADER = 1;
  private static final int KIND_PAYLOAD = 2;
  private static final int KIND_TRAILER = 3;
  private static final int PHASE_BOUNDARY = 0;
  private static final int PHASE_PAYLOAD = 1;
  private static final int PHASE_TRAILER = 2;

  private final LinkConfig c;
  private final Axis input;
  private final Lane laneOut;
  private final Lane laneIn;

  // Shared between the packer, the sender and the control receiver.
  private final UInt ackSeq;
  private final UInt ackOff;
  private final UInt highSeq;
  private final UInt sealSeq;
  private final UInt creditLimit;
  private final Bool rewindPending;
  private final Memory replay;
  // Frame descriptors, split so the acknowledgment path reads only what it needs.
  private final Memory frameEnds;
  private final Memory frameInfo;
  // A frame sent for the first time this cycle, and its sequence number: the round-trip probe.
  private Bool firstSend;
  private UInt firstSendSeq;
  // A frame sent again this cycle (selectively or by a rewind), and its sequence number.
  private Bool resendStart;
  private UInt resendSeq;
  // Selective repeat: NAKed frames waiting to be resent, and when each frame was last resent.
  private final Memory resendQueue;
  private final UInt resendWr;
  private final UInt resendRd;
  private final Memory resendStamps;
  private final UInt now;
  // Cycles after a resend during which NAKs of that frame are ignored (about one round trip).
  private final UInt resendHoldoff;

  public LinkTx(LinkConfig c) {
    super(c.txModuleName());
    this.c = c;
    input = axisIn("s_axis", c.streamShape());
    laneOut = laneOut("lane_out");
    laneIn = laneIn("lane_in");

    ackSeq = regInit("ack_seq", Type.uint(F), 0);
    ackOff = regInit("ack_off", Type.uint(F), 0);
    highSeq = regInit("high_seq", Type.uint(F), 0);
    sealSeq = regInit("seal_seq", Type.uint(F), 0);
    creditLimit = regInit("credit_limit", Type.uint(F), 0);
    rewindPending = regInit("rewind_pending", Type.bool(), 0);
    replay = mem(c.replayMemory());
    frameEnds = mem(c.frameEndsMemory());
    frameInfo = mem(c.frameInfoMemory());
    resendQueue = mem(c.resendQueueMemory());
    resendStamps = mem(c.resendStampsMemory());
    int queueBits = Memory.addressWidth(LinkConfig.RESEND_QUEUE_FRAMES) + 1;
    resendWr = regInit("resend_wr", Type.uint(queueBits), 0);
    resendRd = regInit("resend_rd", Type.uint(queueBits), 0);
    now = regInit("now", Type.uint(c.stampBits()), 0);
    now.assign(now.plus(1));
    resendHoldoff = wire("resend_holdoff", Type.uint(Memory.addressWidth(c.ackTimeoutCycles())));

    buildPacker();
    buildSender();
    buildControlReceiver();
    resendStamps.write(slotOf(resendSeq), resendSeq.asBits().concat(now.asBits()), resendStart);
    // Link reset: resend from the first unacknowledged frame once the receiver grants credit
    // again; what was granted before is forgotten (it is re-learned from the next control frame).
    onLinkReset(() -> {
      rewindPending.assign(true);
      creditLimit.assign(ackOff);
    });
    applyLinkReset();
  }

  public Axis input() {
    return input;
  }

  /** The data lane towards the receiver. */
  public Lane laneOut() {
    return laneOut;
  }

  /** The control lane from the receiver (credits, acknowledgments, NAKs). */
  public Lane laneIn() {
    return laneIn;
  }

  /**
   * A frame descriptor, one per unacknowledged frame: where the frame ends (cumulative word
   * offset) and the header's fields {tlast, beats, words}.
   */
  private record Descriptor(UInt endOff, UInt words, UInt beats, Bool tlast) {
    static final int INFO_WIDTH = 2 * F + 1;

    static Descriptor of(UInt endOff, Bits info) {
      return new Descriptor(endOff, info.slice(F - 1, 0).asUInt(), info.slice(2 * F - 1, F).asUInt(), info.bit(2 * F));
    }

    Bits info() {
      return Bits.concat(List.of(tlast, beats, words));
    }
  }

  private UInt slotOf(UInt seq) {
    return seq.slice(Memory.addressWidth(c.replayFrames()) - 1, 0);
  }

  // ---- packer: stream beats -> payload words in the replay buffer, cut into frames ----

  private void buildPacker() {
    UInt wrOff = regInit("wr_off", Type.uint(F), 0);
    UInt openWords = regInit("open_words", Type.uint(F), 0);
    UInt openBeats = regInit("open_beats", Type.uint(F), 0);
    int idleBits = Memory.addressWidth(c.flushIdleCycles() + 1);
    UInt idleCount = regInit("idle_count", Type.uint(idleBits), 0);

    // Room for the open frame's descriptor and for one more payload word.
    Bool slotFree = wire("slot_free", sealSeq.minus(ackSeq).lt(u(c.replayFrames(), F)));
    Bool wordSpace = wire("word_space", wrOff.minus(ackOff).lt(u(c.replayWords(), F)));
    Bool canWrite = wire("can_write", slotFree.and(wordSpace));
    Bool frameOpen = wire("frame_open", openBeats.ne(0));
    Bool idleLongEnough = wire("idle_long_enough", idleCount.eq(c.flushIdleCycles()));
    when(input.valid(), () -> idleCount.assign(0))
        .elseWhen(idleLongEnough.not(), () -> idleCount.assign(idleCount.plus(1)));

    Bool accept = wire("accept", input.fire());
    Bool wordWrite = wire("word_write", Type.bool());
    Bool seal = wire("seal", Type.bool());
    Bits wordData = wire("word_data", Type.bits(c.usedWordBits()));

    if (c.wordsPerBeat() == 1) {
      packNarrowBeats(canWrite, wordSpace, frameOpen, idleLongEnough, accept, openWords, wordWrite, seal, wordData);
    } else {
      splitWideBeats(canWrite, frameOpen, idleLongEnough, accept, openWords, wordWrite, seal, wordData);
    }

    replay.write(wrOff.slice(c.replayAddressWidth() - 1, 0), wordData, wordWrite);
    UInt written = wordWrite.asUInt(F);
    UInt accepted = accept.asUInt(F);
    Descriptor sealed = new Descriptor(wrOff.plus(written), openWords.plus(written), openBeats.plus(accepted),
        accept.and(input.last()));
    frameEnds.write(slotOf(sealSeq), sealed.endOff().asBits(), seal);
    frameInfo.write(slotOf(sealSeq), sealed.info(), seal);
    wrOff.assign(wrOff.plus(written));
    when(seal, () -> {
      openWords.assign(0);
      openBeats.assign(0);
      sealSeq.assign(sealSeq.plus(1));
    }).otherwise(() -> {
      openWords.assign(openWords.plus(written));
      openBeats.assign(openBeats.plus(accepted));
    });
  }

  /**
   * Beats of up to 64 bits: {@code k} beats per word, beat 0 in the low bits. A word is written
   * when full, at tlast, or (partly filled) when an idle input flushes the frame.
   */
  private void packNarrowBeats(Bool canWrite, Bool wordSpace, Bool frameOpen, Bool idleLongEnough, Bool accept,
      UInt openWords, Bool wordWrite, Bool seal, Bits wordData) {
    int k = c.beatsPerWord();
    int w = c.beatBits();
    input.ready().assign(canWrite);
    Bool frameFull = wire("frame_full_after_word", openWords.eq(c.maxFrameWords() - 1));
    Bool wordComplete;
    Bool partialWord;
    List<Bits> slots = new ArrayList<>();
    if (k == 1) {
      wordComplete = bool(true);
      partialWord = bool(false);
      slots.add(input.data());
    } else {
      int countBits = Widths.log2(k);
      UInt packCount = regInit("pack_count", Type.uint(countBits), 0);
      wordComplete = wire("word_complete", packCount.eq(k - 1));
      partialWord = wire("partial_word", packCount.ne(0));
      List<Bits> held = new ArrayList<>();
      for (int s = 0; s < k; s++) {
        held.add(regInit("pack_slot" + s, Type.bits(w), 0));
      }
      for (int s = 0; s < k; s++) {
        Bool takesBeat = wire("slot" + s + "_takes_beat", accept.and(packCount.eq(s)));
        slots.add(mux("slot" + s + "_data", takesBeat, input.data(), held.get(s)));
      }
      when(wordWrite, () -> {
        packCount.assign(0);
        for (Bits h : held) {
          h.assign(Bits.zeros(w));
        }
      }).elseWhen(accept, () -> {
        packCount.assign(packCount.plus(1));
        for (int s = 0; s < k; s++) {
          Bits h = held.get(s);
          Bits beat = input.data();
          when(packCount.eq(s), () -> h.assign(beat));
        }
      });
    }
    Bool writeOnBeat = wire("write_on_beat", accept.and(wordComplete.or(input.last())));
    Bool sealOnBeat = wire("seal_on_beat", writeOnBeat.and(input.last().or(frameFull)));
    // A flush comes only on a cycle without input, so it never competes with a beat.
    Bool flush = wire("flush", frameOpen.and(idleLongEnough).and(input.valid().not())
        .and(partialWord.not().or(wordSpace)));
    wordWrite.assign(writeOnBeat.or(flush.and(partialWord)));
    seal.assign(sealOnBeat.or(flush));
    wordData.assign(Bits.packLanes(slots));
  }

  /**
   * Beats wider than 64 bits: one word per cycle, low word first, from the beat the source holds
   * stable; the beat is taken (tready) with its last word. Frames end at beat boundaries.
   */
  private void splitWideBeats(Bool canWrite, Bool frameOpen, Bool idleLongEnough, Bool accept, UInt openWords,
      Bool wordWrite, Bool seal, Bits wordData) {
    int m = c.wordsPerBeat();
    int indexBits = Memory.addressWidth(m);
    UInt wordIndex = regInit("word_index", Type.uint(indexBits), 0);
    Bool lastWord = wire("last_word_of_beat", wordIndex.eq(m - 1));
    wordWrite.assign(input.valid().and(canWrite));
    input.ready().assign(canWrite.and(lastWord));
    when(wordWrite, () -> {
      when(lastWord, () -> wordIndex.assign(0)).otherwise(() -> wordIndex.assign(wordIndex.plus(1)));
    });
    Bits padded = input.data().resize(m * LinkFrame.WORD_BITS);
    Switch pick = switchOn(wordIndex);
    for (int j = 0; j < m; j++) {
      int lo = j * LinkFrame.WORD_BITS;
      pick.is(j, () -> wordData.assign(padded.slice(lo + LinkFrame.WORD_BITS - 1, lo)));
    }
    if (Widths.isPowerOfTwo(m)) {
      pick.end(); // every index value is a case
    } else {
      pick.otherwise(() -> wordData.assign(Bits.zeros(LinkFrame.WORD_BITS)));
    }
    Bool noRoomForAnother = wire("no_room_for_another_beat", openWords.ge(u(c.maxFrameWords() - m, F)));
    Bool sealOnBeat = wire("seal_on_beat", accept.and(input.last().or(noRoomForAnother)));
    Bool flush = wire("flush", frameOpen.and(idleLongEnough).and(input.valid().not()).and(wordIndex.eq(0)));
    seal.assign(sealOnBeat.or(flush));
  }

  // ---- sender: frames from the replay buffer -> data lane ----

  private void buildSender() {
    UInt phase = regInit("phase", Type.uint(2), PHASE_BOUNDARY);
    UInt sendSeq = regInit("send_seq", Type.uint(F), 0);
    UInt sendIdx = reg("send_idx", Type.uint(F));
    UInt curWords = reg("cur_words", Type.uint(F));
    int aw = c.replayAddressWidth();
    UInt curStart = reg("cur_start", Type.uint(aw)); // where the frame starts in the replay buffer
    Bool curInOrder = reg("cur_in_order", Type.bool());
    UInt s1Kind = regInit("s1_kind", Type.uint(2), KIND_IDLE);
    Bits s1Header = reg("s1_header", Type.bits(LinkFrame.WORD_BITS));

    Bool atBoundary = wire("at_boundary", phase.eq(PHASE_BOUNDARY));
    // Go back to the first unacknowledged frame after a timeout or link reset, or skip ahead when
    // acknowledgments overtook the frames being sent in order.
    Bool behind = wire("send_behind_ack", behind(sendSeq, ackSeq));
    Bool restart = wire("restart", rewindPending.or(behind));
    // A NAKed frame goes before the next in-order one, unless it was acknowledged meanwhile or
    // resent less than a round trip ago (a NAK repeated while the resend was on its way).
    Bool queued = wire("resend_queued", resendWr.ne(resendRd));
    UInt queuedSeq = wire("resend_head", resendQueue.readAsync(queueSlot(resendRd)).asUInt());
    Bool queuedLive = wire("resend_head_live", unacknowledged(queuedSeq).and(resentRecently(queuedSeq).not()));
    Bool selective = wire("selective", restart.not().and(queued).and(queuedLive));
    UInt inOrderSeq = mux("in_order_seq", restart, ackSeq, sendSeq);
    UInt seq = mux("next_seq", selective, queuedSeq, inOrderSeq);
    Descriptor d = Descriptor.of(wire("next_end", frameEnds.readAsync(slotOf(seq)).asUInt()),
        wire("next_info", frameInfo.readAsync(slotOf(seq))));
    Bool sealed = wire("frame_sealed", selective.or(seq.ne(sealSeq)));
    Bool credited = wire("frame_credited", behind(creditLimit, d.endOff()).not());
    Bool start = wire("start_frame", atBoundary.and(sealed).and(credited).and(linkReset().not()));
    Bool resend = wire("resend", start.and(selective.or(seq.ne(highSeq))));
    firstSend = wire("first_send", start.and(resend.not()));
    firstSendSeq = seq;
    resendStart = resend;
    resendSeq = seq;

    UInt readAddr = wire("replay_read_addr", curStart.plus(sendIdx.slice(aw - 1, 0)));
    Bits replayWord = replay.readSync(readAddr, phase.eq(PHASE_PAYLOAD));

    s1Kind.assign(KIND_IDLE);
    when(atBoundary, () -> {
      when(restart, () -> sendSeq.assign(ackSeq));
      rewindPending.assign(false);
      // The queue's head is used now, or is stale (acknowledged, or resent recently): drop it.
      when(queued.and(restart.not()).and(selective.not().or(start)), () -> resendRd.assign(resendRd.plus(1)));
      when(start, () -> {
        s1Kind.assign(KIND_HEADER);
        UInt frameStart = d.endOff().minus(d.words());
        s1Header.assign(header(LinkFrame.TYPE_DATA, d.tlast(), seq.asBits(), d.beats().asBits(), frameStart.asBits()));
        curWords.assign(d.words());
        curStart.assign(frameStart.slice(aw - 1, 0));
        curInOrder.assign(selective.not());
        sendIdx.assign(0);
        phase.assign(PHASE_PAYLOAD);
        when(resend.not(), () -> highSeq.assign(seq.plus(1)));
      });
    });
    when(phase.eq(PHASE_PAYLOAD), () -> {
      s1Kind.assign(KIND_PAYLOAD);
      sendIdx.assign(sendIdx.plus(1));
      when(sendIdx.eq(curWords.minus(1)), () -> phase.assign(PHASE_TRAILER));
    });
    when(phase.eq(PHASE_TRAILER), () -> {
      s1Kind.assign(KIND_TRAILER);
      phase.assign(PHASE_BOUNDARY);
      when(curInOrder, () -> sendSeq.assign(sendSeq.plus(1)));
    });

    // Stage 2: the lane word, registered, with the running CRC over header and payload.
    Bits crc = reg("crc", Type.bits(LinkFrame.CRC_BITS));
    Bits word = wire("s1_word", Type.bits(LinkFrame.WORD_BITS));
    switchOn(s1Kind)
        .is(KIND_HEADER, () -> word.assign(s1Header))
        .is(KIND_PAYLOAD, () -> word.assign(replayWord.resize(LinkFrame.WORD_BITS)))
        .is(KIND_TRAILER, () -> word.assign(trailerWord(crc)))
        .otherwise(() -> word.assign(controlWord(LinkFrame.TYPE_IDLE)));
    Bool isHeader = wire("s1_is_header", s1Kind.eq(KIND_HEADER));
    Bool isPayload = wire("s1_is_payload", s1Kind.eq(KIND_PAYLOAD));
    Bits crcNext = wire("crc_next", CrcNetwork.next(mux("crc_in", isHeader, crcInitial(), crc), word));
    when(isHeader.or(isPayload), () -> crc.assign(crcNext));

    Bool outValid = regInit("out_valid", Type.bool(), 0);
    Bool outCtrl = reg("out_ctrl", Type.bool());
    Bits outData = reg("out_data", Type.bits(LinkFrame.WORD_BITS));
    outValid.assign(true);
    outCtrl.assign(isPayload.not());
    outData.assign(word);
    // A link reset abandons the frame being sent (the receiver drops it as cut short); the lane
    // carries no block while it lasts. A frame cut off in order is sent again by the rewind.
    onLinkReset(() -> {
      phase.assign(PHASE_BOUNDARY);
      s1Kind.assign(KIND_IDLE);
      outValid.assign(false);
    });
    laneOut.valid().assign(outValid);
    laneOut.control().assign(outCtrl);
    laneOut.data().assign(outData);

    statCounter("words_sent", s1Kind.ne(KIND_IDLE));
    statCounter("payload_words_sent", isPayload);
    statCounter("frames_sent", s1Kind.eq(KIND_TRAILER));
    statCounter("frames_retransmitted", resend);
    statCounter("selective_resends", start.and(selective));
    statCounter("credit_stall_cycles", atBoundary.and(sealed).and(credited.not()));
  }

  /** Sent and not yet acknowledged: in [ackSeq, highSeq). */
  private Bool unacknowledged(UInt seq) {
    return seq.minus(ackSeq).lt(highSeq.minus(ackSeq));
  }

  private UInt queueSlot(UInt pointer) {
    return pointer.slice(Memory.addressWidth(LinkConfig.RESEND_QUEUE_FRAMES) - 1, 0);
  }

  /** Whether frame {@code seq} was resent less than a round trip (as measured) ago. */
  private Bool resentRecently(UInt seq) {
    Bits stamp = resendStamps.readAsync(slotOf(seq));
    UInt stampSeq = stamp.slice(F + c.stampBits() - 1, c.stampBits()).asUInt();
    UInt stampCycle = stamp.slice(c.stampBits() - 1, 0).asUInt();
    return stampSeq.eq(seq).and(now.minus(stampCycle).lt(resendHoldoff.resize(c.stampBits())));
  }

  // ---- control receiver: credits, acknowledgments and NAKs from the control lane ----

  private void buildControlReceiver() {
    Bool inValid = regInit("ctl_in_valid", Type.bool(), 0);
    Bool inCtrl = reg("ctl_in_ctrl", Type.bool());
    Bits inData = reg("ctl_in_data", Type.bits(LinkFrame.WORD_BITS));
    inValid.assign(laneIn.valid());
    inCtrl.assign(laneIn.control());
    inData.assign(laneIn.data());

    Bool pending = regInit("ctl_pending", Type.bool(), 0);
    UInt ctlAck = reg("ctl_ack", Type.uint(F));
    UInt ctlLimit = reg("ctl_limit", Type.uint(F));
    Bool ctlNak = reg("ctl_nak", Type.bool());
    UInt ctlNakSeq = reg("ctl_nak_seq", Type.uint(F));
    Bits ctlCrc = reg("ctl_crc", Type.bits(LinkFrame.CRC_BITS));

    Bool isHeader = wire("ctl_is_header", inCtrl.and(typeOf(inData).eq(typeCode(LinkFrame.TYPE_CONTROL)))
        .and(headerReservedZero(inData)));
    Bool trailerOk = wire("ctl_trailer_ok", trailerMatches(inCtrl, inData, ctlCrc));
    Bool accept = wire("ctl_accept", inValid.and(pending).and(trailerOk));
    when(inValid, () -> {
      pending.assign(isHeader);
      when(isHeader, () -> {
        ctlAck.assign(field(inData, LinkFrame.ACK));
        ctlLimit.assign(field(inData, LinkFrame.CREDIT));
        ctlNak.assign(inData.bit(LinkFrame.FLAG.lsb()));
        ctlNakSeq.assign(field(inData, LinkFrame.NAK_SEQ));
        ctlCrc.assign(CrcNetwork.first(inData));
      });
    });

    // An acknowledgment is believed only within the frames actually sent.
    Bool ackInWindow = wire("ack_in_window", ctlAck.minus(ackSeq).le(highSeq.minus(ackSeq)));
    Bool ackAdvances = wire("ack_advances", accept.and(ackInWindow).and(ctlAck.ne(ackSeq)));
    UInt lastAckedEnd = wire("last_acked_end", frameEnds.readAsync(slotOf(ctlAck).minus(1)).asUInt());
    when(ackAdvances, () -> {
      ackSeq.assign(ctlAck);
      ackOff.assign(lastAckedEnd);
    });
    when(accept.and(behind(ctlLimit, creditLimit).not()), () -> creditLimit.assign(ctlLimit));
    // A NAK names one missing frame; it is queued for a selective resend unless it was resent
    // less than a round trip ago or the queue is full (the receiver asks again).
    Bool nak = wire("nak_received", accept.and(ctlNak).and(unacknowledged(ctlNakSeq)));
    Bool queueFull = wire("resend_queue_full",
        resendWr.minus(resendRd).eq(u(LinkConfig.RESEND_QUEUE_FRAMES, resendWr.width())));
    Bool enqueue = wire("resend_enqueue", nak.and(resentRecently(ctlNakSeq).not()).and(queueFull.not()));
    resendQueue.write(queueSlot(resendWr), ctlNakSeq.asBits(), enqueue);
    when(enqueue, () -> resendWr.assign(resendWr.plus(1)));

    // Acknowledgment timeout: frames are outstanding and neither an acknowledgment nor a NAK came
    // for a while (the receiver holds nothing after the lost frames: a lost tail, lost control
    // frames). "A while" follows the measured round trip, capped by the configured timeout, which
    // must cover the longest lane the link is built for (docs/link.md "Round trip").
    int timerBits = Memory.addressWidth(c.ackTimeoutCycles());
    UInt limit = roundTripTimeout(ackAdvances, ctlAck, timerBits);
    UInt timer = regInit("ack_timer", Type.uint(timerBits), 0);
    Bool outstanding = wire("frames_outstanding", highSeq.ne(ackSeq));
    Bool timeout = wire("ack_timeout", Type.bool());
    timeout.assign(false);
    when(ackAdvances.or(nak).or(outstanding.not()), () -> timer.assign(0))
        .elseWhen(timer.ge(limit), () -> {
          timer.assign(0);
          timeout.assign(true);
        })
        .otherwise(() -> timer.assign(timer.plus(1)));
    // After the sender's clear, so a request in the same cycle is kept.
    when(timeout, () -> rewindPending.assign(true));
    onLinkReset(() -> {
      inValid.assign(false);
      pending.assign(false);
      timer.assign(0);
      resendRd.assign(resendWr);
    });

    statCounter("naks_received", nak);
    statCounter("ack_timeouts", timeout);
    statCounter("control_frames_received", accept);
  }

  /**
   * The acknowledgment timeout in force: the configured one until a round trip was measured, then
   * twice the shortest measured round trip plus two keepalive periods and a frame (the receiver may
   * hold an acknowledgment that long), never more than the configured one. A round trip is
   * measured from a frame's first send to the acknowledgment that covers it, one frame at a time;
   * a measurement is dropped when that frame is resent (Karn's rule: a late acknowledgment of a
   * resent frame says nothing about the round trip). An acknowledgment can only be later than the
   * round trip (it also waits for earlier lost frames), so the shortest sample is kept. Also sets
   * {@link #resendHoldoff}: one round trip plus the same slack.
   */
  private UInt roundTripTimeout(Bool ackAdvances, UInt ctlAck, int timerBits) {
    int cap = c.ackTimeoutCycles() - 1;
    Bool probing = regInit("rtt_probing", Type.bool(), 0);
    UInt probeSeq = reg("rtt_probe_seq", Type.uint(F));
    UInt probeCount = regInit("rtt_probe_count", Type.uint(timerBits), 0);
    UInt measured = regInit("rtt_measured", Type.uint(timerBits), 0);
    Bool haveSample = regInit("rtt_have_sample", Type.bool(), 0);
    // Both lie in [ackSeq, highSeq]: the acknowledgment covers the probe when it is past it.
    Bool covered = wire("rtt_probe_acked", probing.and(ackAdvances)
        .and(ctlAck.minus(ackSeq).gt(probeSeq.minus(ackSeq))));
    Bool probeResent = wire("rtt_probe_resent", resendStart.and(resendSeq.eq(probeSeq)));
    when(probing.and(probeCount.ne(cap)), () -> probeCount.assign(probeCount.plus(1)));
    when(covered, () -> {
      when(haveSample.not().or(probeCount.lt(measured)), () -> measured.assign(probeCount));
      haveSample.assign(true);
      probing.assign(false);
    }).elseWhen(probeResent.or(rewindPending), () -> probing.assign(false))
        .elseWhen(probing.not().and(firstSend), () -> {
          probing.assign(true);
          probeSeq.assign(firstSendSeq);
          probeCount.assign(0);
        });
    // The lane may come back as another cable: measure again.
    onLinkReset(() -> {
      probing.assign(false);
      haveSample.assign(false);
      measured.assign(0);
    });
    int slack = 2 * c.keepaliveCycles() + 2 * (c.maxFrameWords() + 2) + 16;
    UInt once = wire("rtt_once_plus_slack", measured.resize(timerBits + 1).plus(slack));
    UInt twice = wire("rtt_twice_plus_slack", measured.resize(timerBits + 1).shiftLeft(1).plus(slack));
    UInt capped = wire("rtt_timeout", Type.uint(timerBits));
    when(haveSample.and(twice.lt(u(cap, timerBits + 2))), () -> capped.assign(twice.resize(timerBits)))
        .otherwise(() -> capped.assign(u(cap, timerBits)));
    when(haveSample.and(once.lt(u(cap, timerBits + 1))), () -> resendHoldoff.assign(once.resize(timerBits)))
        .otherwise(() -> resendHoldoff.assign(u(cap, timerBits)));
    statValue("round_trip_cycles", measured);
    return capped;
  }
}
