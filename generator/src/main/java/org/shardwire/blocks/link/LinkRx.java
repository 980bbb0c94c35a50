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
 * The receiving end of a link (docs/link.md): takes frames from the data lane ({@code lane_in}),
 * writes each frame's payload into the receive FIFO provisionally and keeps it only when the
 * trailer's CRC matches and the sequence number is the one expected, so every beat reaches
 * {@code m_axis} once and in order. It reports on the control lane ({@code lane_out}) the next
 * sequence number it expects (acknowledging all before it), a NAK after a lost or damaged frame,
 * and its credit: the highest cumulative payload-word offset its FIFO can take.
 *
 * <p>A frame is accepted only if its whole payload fits in the FIFO's free space at its header;
 * a frame with a good CRC and the expected sequence number that does not fit means the
 * transmitter broke the credit rule, which {@code stat_credit_violations} counts (never, in a
 * correct link: the tests assert it).
 */
public final class LinkRx extends LinkEndpoint {
  private static final int F = LinkFrame.FIELD_BITS;

  private final LinkConfig c;
  private final Lane laneIn;
  private final Lane laneOut;
  private final Axis output;

  private final UInt expectedSeq;
  private final UInt rdPtr;
  private final Bool dirty;
  private final Bool nakPending;
  private final Bool nakSent;
  private final Memory fifo;
  private final int metaBits;

  public LinkRx(LinkConfig c) {
    super(c.rxModuleName());
    this.c = c;
    laneIn = laneIn("lane_in");
    output = axisOut("m_axis", c.streamShape());
    laneOut = laneOut("lane_out");

    expectedSeq = regInit("expected_seq", Type.uint(F), 0);
    rdPtr = regInit("rd_ptr", Type.uint(F), 0);
    // Set at reset so the first control frame grants the initial credit right away.
    dirty = regInit("dirty", Type.bool(), 1);
    nakPending = regInit("nak_pending", Type.bool(), 0);
    nakSent = regInit("nak_sent", Type.bool(), 0);
    // Each FIFO entry: {tlast of its last beat, beats in it - 1 (narrow beats only), payload}.
    metaBits = 1 + (c.beatsPerWord() > 1 ? Widths.log2(c.beatsPerWord()) : 0);
    fifo = mem("fifo", metaBits + c.usedWordBits(), c.rxFifoWords()).style(c.ramStyle());

    UInt wrCommit = regInit("wr_commit", Type.uint(F), 0);
    // The control sender clears the flags it reports; it comes first so that a flag raised in
    // the same cycle by the receiver or the FIFO (later statements win) is kept for the next frame.
    buildControlSender();
    buildFrameReceiver(wrCommit);
    buildOutput(wrCommit);
    applyLinkReset();
  }

  public Lane laneIn() {
    return laneIn;
  }

  public Lane laneOut() {
    return laneOut;
  }

  public Axis output() {
    return output;
  }

  // ---- frames from the data lane -> provisional FIFO writes, committed on a good trailer ----

  private void buildFrameReceiver(UInt wrCommit) {
    Bool inValid = regInit("in_valid", Type.bool(), 0);
    Bool inCtrl = reg("in_ctrl", Type.bool());
    Bits inData = reg("in_data", Type.bits(LinkFrame.WORD_BITS));
    inValid.assign(laneIn.valid());
    inCtrl.assign(laneIn.control());
    inData.assign(laneIn.data());

    Bool inFrame = regInit("in_frame", Type.bool(), 0);
    Bool atTrailer = reg("at_trailer", Type.bool());
    UInt wordsLeft = reg("words_left", Type.uint(F));
    UInt frameSeq = reg("frame_seq", Type.uint(F));
    Bool frameTlast = reg("frame_tlast", Type.bool());
    Bool frameFits = reg("frame_fits", Type.bool());
    Bits crc = reg("crc", Type.bits(LinkFrame.CRC_BITS));
    UInt wrSpec = regInit("wr_spec", Type.uint(F), 0);

    // Header fields and their consistency: the word count must follow from the beat count.
    Bool isHeader = wire("is_data_header", inCtrl.and(typeOf(inData).eq(typeCode(LinkFrame.TYPE_DATA)))
        .and(zero(inData, LinkFrame.TYPE_LSB - 1, LinkFrame.FLAG_BIT + 1)));
    UInt hdrSeq = wire("hdr_seq", field(inData, LinkFrame.SEQ_LSB));
    UInt hdrBeats = wire("hdr_beats", field(inData, LinkFrame.BEATS_LSB));
    UInt hdrWords = wire("hdr_words", field(inData, LinkFrame.WORDS_LSB));
    Bool headerConsistent = wire("header_consistent", hdrWords.ne(0).and(hdrBeats.ne(0))
        .and(hdrWords.le(u(c.maxFrameWords(), F))).and(wordsMatchBeats(hdrBeats, hdrWords)));
    UInt free = wire("fifo_free", u(c.rxFifoWords(), F).minus(wrCommit.minus(rdPtr)));
    Bool fits = wire("header_fits", hdrWords.le(free));

    // Beats in the frame's last word, minus one (narrow beats share words).
    int countBits = c.beatsPerWord() > 1 ? Widths.log2(c.beatsPerWord()) : 0;
    UInt lastCount = countBits > 0 ? reg("last_word_beats_m1", Type.uint(countBits)) : null;

    Bool lastPayloadWord = wire("last_payload_word", wordsLeft.eq(1));
    List<Bits> meta = new ArrayList<>();
    meta.add(frameTlast.and(lastPayloadWord).asBits());
    if (countBits > 0) {
      UInt fullWord = u(c.beatsPerWord() - 1, countBits);
      meta.add(mux("word_beats_m1", lastPayloadWord, lastCount, fullWord).asBits());
    }
    meta.add(inData.resize(c.usedWordBits()));
    Bool write = event("fifo_write");
    fifo.write(wrSpec.slice(c.rxAddressWidth() - 1, 0), Bits.concat(meta), write);

    Bool trailerOk = wire("trailer_ok", trailerMatches(inCtrl, inData, crc));
    Bool isEnd = wire("is_end", inCtrl.and(typeOf(inData).eq(typeCode(LinkFrame.TYPE_END))));
    Bool seqExpected = wire("seq_expected", frameSeq.eq(expectedSeq));
    Bool seqOld = wire("seq_old", behind(frameSeq, expectedSeq));

    Bool delivered = event("frame_delivered");
    Bool crcError = event("crc_error");
    Bool frameError = event("frame_error");
    Bool duplicate = event("duplicate_frame");
    Bool gap = event("sequence_gap");
    Bool creditViolation = event("credit_violation");
    Bool requestNak = event("request_nak");

    when(inValid, () -> {
      when(isHeader, () -> {
        // A header always starts a frame; one still open was cut short and is dropped.
        when(inFrame, () -> frameError.assign(true));
        wrSpec.assign(wrCommit);
        crc.assign(CrcNetwork.next(crcInitial(), inData));
        frameSeq.assign(hdrSeq);
        frameTlast.assign(inData.bit(LinkFrame.FLAG_BIT));
        frameFits.assign(fits);
        wordsLeft.assign(hdrWords);
        atTrailer.assign(false);
        if (lastCount != null) {
          lastCount.assign(hdrBeats.slice(countBits - 1, 0).minus(1));
        }
        inFrame.assign(headerConsistent);
        when(headerConsistent.not(), () -> {
          frameError.assign(true);
          requestNak.assign(true);
        });
      }).elseWhen(inFrame.and(atTrailer.not()), () -> {
        when(inCtrl.not(), () -> {
          write.assign(frameFits);
          when(frameFits, () -> wrSpec.assign(wrSpec.plus(1)));
          crc.assign(CrcNetwork.next(crc, inData));
          wordsLeft.assign(wordsLeft.minus(1));
          when(lastPayloadWord, () -> atTrailer.assign(true));
        }).otherwise(() -> {
          inFrame.assign(false);
          wrSpec.assign(wrCommit);
          frameError.assign(true);
          requestNak.assign(true);
        });
      }).elseWhen(inFrame.and(atTrailer), () -> {
        inFrame.assign(false);
        wrSpec.assign(wrCommit);
        when(trailerOk.not(), () -> {
          when(isEnd, () -> crcError.assign(true)).otherwise(() -> frameError.assign(true));
          requestNak.assign(true);
        }).elseWhen(seqExpected.and(frameFits), () -> {
          wrCommit.assign(wrSpec);
          expectedSeq.assign(expectedSeq.plus(1));
          delivered.assign(true);
        }).elseWhen(seqExpected, () -> {
          creditViolation.assign(true);
          requestNak.assign(true);
        }).elseWhen(seqOld, () -> duplicate.assign(true))
            .otherwise(() -> {
              gap.assign(true);
              requestNak.assign(true);
            });
      });
    });

    // One NAK per loss: the episode ends when the missing frame arrives.
    when(delivered, () -> nakSent.assign(false));
    when(requestNak.and(nakSent.not()), () -> {
      nakPending.assign(true);
      nakSent.assign(true);
    });
    // Re-acknowledge after a duplicate: the acknowledgment that would have stopped it was lost.
    when(delivered.or(duplicate), () -> dirty.assign(true));

    // A link reset drops the frame being received (its words were only provisional) and ends a
    // NAK episode, so the next loss is reported. The FIFO, the counters of committed and read
    // words and the expected sequence number are stream state and stay.
    onLinkReset(() -> {
      inValid.assign(false);
      inFrame.assign(false);
      wrSpec.assign(wrCommit);
      nakSent.assign(false);
    });

    statCounter("frames_delivered", delivered);
    statCounter("crc_errors", crcError);
    statCounter("frame_errors", frameError);
    statCounter("frames_dropped_sequence", duplicate.or(gap));
    statCounter("credit_violations", creditViolation);
  }

  /** Whether a frame of {@code beats} beats occupies exactly {@code words} payload words. */
  private Bool wordsMatchBeats(UInt beats, UInt words) {
    if (c.wordsPerBeat() > 1) {
      return words.resize(F + 4).eq(beats.times(u(c.wordsPerBeat(), 4)));
    }
    // words = ceil(beats / k), i.e. (words - 1) * k < beats <= words * k; k is a power of two.
    int shift = Widths.log2(c.beatsPerWord());
    UInt wide = beats.resize(F + shift);
    return wide.le(words.shiftLeft(shift)).and(wide.gt(words.minus(1).shiftLeft(shift)));
  }

  // ---- FIFO -> output stream (one beat per cycle while the consumer is ready) ----

  private void buildOutput(UInt wrCommit) {
    Bool entryValid = regInit("entry_valid", Type.bool(), 0);
    Bool popEntry = wire("pop_entry", Type.bool());
    Bool issue = wire("read_issue", rdPtr.ne(wrCommit).and(entryValid.not().or(popEntry)));
    Bits entry = wire("entry", fifo.readSync(rdPtr.slice(c.rxAddressWidth() - 1, 0), issue));
    when(issue, () -> {
      rdPtr.assign(rdPtr.plus(1));
      entryValid.assign(true);
      dirty.assign(true); // the credit limit moved
    }).elseWhen(popEntry, () -> entryValid.assign(false));

    int used = c.usedWordBits();
    Bits payload = entry.slice(used - 1, 0);
    Bool entryTlast = entry.bit(entry.width() - 1);

    if (c.wordsPerBeat() > 1) {
      // Collect the low words of a wide beat; the beat goes out with its last word.
      int m = c.wordsPerBeat();
      UInt wordIndex = regInit("out_word_index", Type.uint(Memory.addressWidth(m)), 0);
      Bool lastWord = wire("out_last_word", wordIndex.eq(m - 1));
      List<Bits> parts = new ArrayList<>();
      for (int j = 0; j < m - 1; j++) {
        Bits part = reg("gather" + j, Type.bits(LinkFrame.WORD_BITS));
        int index = j;
        when(entryValid.and(lastWord.not()).and(wordIndex.eq(index)), () -> part.assign(payload));
        parts.add(part);
      }
      parts.add(payload.slice(c.beatBits() - (m - 1) * LinkFrame.WORD_BITS - 1, 0));
      output.valid().assign(entryValid.and(lastWord));
      output.data().assign(Bits.packLanes(parts));
      output.last().assign(entryTlast);
      popEntry.assign(entryValid.and(lastWord.not().or(output.ready())));
      when(popEntry, () -> {
        when(lastWord, () -> wordIndex.assign(0)).otherwise(() -> wordIndex.assign(wordIndex.plus(1)));
      });
    } else if (c.beatsPerWord() > 1) {
      // Several beats per word: step through them; the word's beat count says where it ends.
      int k = c.beatsPerWord();
      int countBits = Widths.log2(k);
      UInt beatIndex = regInit("out_beat_index", Type.uint(countBits), 0);
      UInt lastIndex = entry.slice(used + countBits - 1, used).asUInt();
      Bool lastBeat = wire("out_last_beat_of_word", beatIndex.eq(lastIndex));
      Bits beat = wire("out_beat", Type.bits(c.beatBits()));
      Switch pick = switchOn(beatIndex);
      for (int s = 0; s < k; s++) {
        Bits slot = payload.lane(s, c.beatBits());
        pick.is(s, () -> beat.assign(slot));
      }
      pick.end();
      output.valid().assign(entryValid);
      output.data().assign(beat);
      output.last().assign(entryTlast.and(lastBeat));
      popEntry.assign(output.fire().and(lastBeat));
      when(output.fire(), () -> {
        when(lastBeat, () -> beatIndex.assign(0)).otherwise(() -> beatIndex.assign(beatIndex.plus(1)));
      });
    } else {
      output.valid().assign(entryValid);
      output.data().assign(payload);
      output.last().assign(entryTlast);
      popEntry.assign(output.fire());
    }
    statCounter("beats_out", output.fire());
  }

  // ---- control frames (ack, NAK, credit) -> control lane ----

  private void buildControlSender() {
    Bool trailerNext = regInit("ctl_trailer_next", Type.bool(), 0);
    Bits ctlCrc = reg("ctl_crc", Type.bits(LinkFrame.CRC_BITS));
    int keepBits = Memory.addressWidth(c.keepaliveCycles());
    UInt keepalive = regInit("keepalive_timer", Type.uint(keepBits), 0);
    UInt creditLimit = wire("credit_limit", rdPtr.plus(u(c.rxFifoWords(), F)));
    Bits header = wire("ctl_header", Bits.concat(List.of(typeCode(LinkFrame.TYPE_CONTROL), Bits.zeros(7), nakPending,
        expectedSeq.asBits(), Bits.zeros(F), creditLimit.asBits())));
    Bool sendNow = wire("ctl_send", trailerNext.not()
        .and(dirty.or(nakPending).or(keepalive.eq(c.keepaliveCycles() - 1))));

    Bool outValid = regInit("ctl_out_valid", Type.bool(), 0);
    Bits outData = reg("ctl_out_data", Type.bits(LinkFrame.WORD_BITS));
    outValid.assign(true);
    outData.assign(controlWord(LinkFrame.TYPE_IDLE));
    when(trailerNext, () -> {
      outData.assign(trailerWord(ctlCrc));
      trailerNext.assign(false);
    }).elseWhen(sendNow, () -> {
      outData.assign(header);
      ctlCrc.assign(CrcNetwork.next(crcInitial(), header));
      trailerNext.assign(true);
      keepalive.assign(0);
    }).otherwise(() -> keepalive.assign(keepalive.plus(1)));
    when(sendNow, () -> {
      dirty.assign(false);
      nakPending.assign(false);
    });
    // A link reset abandons a control frame half sent and announces the state again as soon as
    // it ends (the transmitter may have lost it); no block goes out while it lasts.
    onLinkReset(() -> {
      trailerNext.assign(false);
      keepalive.assign(0);
      outValid.assign(false);
      dirty.assign(true);
      nakPending.assign(false);
    });
    laneOut.valid().assign(outValid);
    laneOut.control().assign(true); // header, trailer and idle are all control blocks
    laneOut.data().assign(outData);
    statCounter("naks_sent", sendNow.and(nakPending));
    statCounter("control_frames_sent", sendNow);
  }
}
