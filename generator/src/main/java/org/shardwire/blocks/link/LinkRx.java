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
 * The receiving end of a link (docs/link.md): takes frames from the data lane ({@code lane_in})
 * into a staging buffer, and places each frame whose trailer's CRC matches in the receive FIFO at
 * its own word offset, so frames after a lost one are kept (selective repeat). Frames are
 * committed, and their beats reach {@code m_axis}, once and in sequence order. On the control
 * lane ({@code lane_out}) it reports the next sequence number it expects (acknowledging all before
 * it), its credit (the highest cumulative payload-word offset its FIFO can take) and, one at a
 * time, the frames missing before the highest one it holds (NAKs).
 *
 * <p>A frame is placed only if it lies within the credit granted; a good frame beyond it means the
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
  private final UInt wrCommit;
  private final Bool dirty;
  private final Bool nakPending;
  private final UInt nakSeq;
  private final Memory fifo;
  private final Memory staging;
  private final Memory jobs;
  // Per frame slot, for a frame placed and not yet committed: its sequence number and end offset.
  private final Memory slotSeqs;
  private final Memory slotEnds;
  // Placement jobs: written by the frame receiver, read by the placer.
  private final UInt jobWr;
  private final UInt jobRd;
  // Staging words: written by the frame receiver, read by the placer.
  private final UInt stageRd;
  // One past the highest sequence number placed; the hole scanner looks below it.
  private final UInt placedHigh;
  // After the board reset the frame slots are marked empty one per cycle; nothing is taken meanwhile.
  private final Bool clearing;

  public LinkRx(LinkConfig c) {
    super(c.rxModuleName());
    this.c = c;
    laneIn = laneIn("lane_in");
    output = axisOut("m_axis", c.streamShape());
    laneOut = laneOut("lane_out");

    expectedSeq = regInit("expected_seq", Type.uint(F), 0);
    rdPtr = regInit("rd_ptr", Type.uint(F), 0);
    wrCommit = regInit("wr_commit", Type.uint(F), 0);
    // Set at reset so the first control frame grants the initial credit right away.
    dirty = regInit("dirty", Type.bool(), 1);
    nakPending = regInit("nak_pending", Type.bool(), 0);
    nakSeq = reg("nak_seq", Type.uint(F));
    fifo = mem(c.rxFifoMemory());
    staging = mem(c.stagingMemory());
    jobs = mem(c.placeJobsMemory());
    slotSeqs = mem(c.frameSlotSeqsMemory());
    slotEnds = mem(c.frameSlotEndsMemory());
    jobWr = regInit("job_wr", Type.uint(F), 0);
    jobRd = regInit("job_rd", Type.uint(F), 0);
    stageRd = regInit("stage_rd", Type.uint(F), 0);
    placedHigh = regInit("placed_high", Type.uint(F), 0);
    UInt clearIdx = regInit("clear_idx", Type.uint(Memory.addressWidth(c.replayFrames()) + 1), 0);
    clearing = wire("clearing", clearIdx.lt(u(c.replayFrames(), clearIdx.width())));
    when(clearing, () -> clearIdx.assign(clearIdx.plus(1)));

    // The control sender clears the flags it reports; it comes first so that a flag raised in
    // the same cycle by the receiver or the scanner (later statements win) is kept for the next frame.
    buildControlSender();
    buildFrameReceiver();
    buildPlacer(clearIdx);
    buildCommit();
    buildHoleScanner();
    buildOutput();
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

  private UInt slotOf(UInt seq) {
    return seq.slice(Memory.addressWidth(c.replayFrames()) - 1, 0);
  }

  /** The sequence number of the frame placed in {@code seq}'s slot (equal to it when that frame is placed). */
  private UInt placedSeq(UInt seq) {
    return slotSeqs.readAsync(slotOf(seq)).asUInt();
  }

  // ---- frames from the data lane -> staging buffer; a good frame becomes a placement job ----

  private void buildFrameReceiver() {
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
    UInt frameStart = reg("frame_start", Type.uint(F));
    UInt frameWords = reg("frame_words", Type.uint(F));
    Bool frameTlast = reg("frame_tlast", Type.bool());
    Bool frameStaged = reg("frame_staged", Type.bool());
    Bits crc = reg("crc", Type.bits(LinkFrame.CRC_BITS));
    // Staging words of good frames end at stageCommit; the frame being received is written after it.
    UInt stageCommit = regInit("stage_commit", Type.uint(F), 0);
    UInt stageWr = regInit("stage_wr", Type.uint(F), 0);

    Bool isHeader = wire("is_data_header", inCtrl.and(typeOf(inData).eq(typeCode(LinkFrame.TYPE_DATA)))
        .and(headerReservedZero(inData)));
    UInt hdrSeq = wire("hdr_seq", field(inData, LinkFrame.SEQ));
    UInt hdrBeats = wire("hdr_beats", field(inData, LinkFrame.BEATS));
    UInt hdrStart = wire("hdr_start", field(inData, LinkFrame.OFFSET));
    UInt hdrWords = wire("hdr_words", wordsForBeats(hdrBeats));
    Bool headerConsistent = wire("header_consistent", hdrBeats.ne(0).and(hdrBeats.le(u(c.maxFrameBeats(), F))));
    // Room in the staging buffer for the whole frame, and for one more placement job.
    UInt stageUsed = wire("stage_used", stageCommit.minus(stageRd));
    Bool stageFits = wire("stage_fits", hdrWords.plus(stageUsed).le(u(c.stagingWords(), F))
        .and(jobWr.minus(jobRd).lt(u(c.placeJobs(), F))));

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
    Bool write = event("staging_write");
    staging.write(stageWr.slice(Memory.addressWidth(c.stagingWords()) - 1, 0), Bits.concat(meta), write);

    Bool trailerOk = wire("trailer_ok", trailerMatches(inCtrl, inData, crc));
    Bool isEnd = wire("is_end", inCtrl.and(typeOf(inData).eq(typeCode(LinkFrame.TYPE_END))));
    Bool seqOld = wire("seq_old", behind(frameSeq, expectedSeq));
    Bool seqInWindow = wire("seq_in_window", frameSeq.minus(expectedSeq).lt(u(c.replayFrames(), F)));
    UInt frameEnd = wire("frame_end", frameStart.plus(frameWords));
    Bool withinCredit = wire("within_credit", behind(rdPtr.plus(u(c.rxFifoWords(), F)), frameEnd).not());

    Bool accepted = event("frame_accepted");
    Bool crcError = event("crc_error");
    Bool frameError = event("frame_error");
    Bool dropped = event("frame_dropped_sequence");
    Bool overflow = event("staging_overflow");
    Bool creditViolation = event("credit_violation");

    when(inValid.and(clearing.not()), () -> {
      when(isHeader, () -> {
        // A header always starts a frame; one still open was cut short and is dropped.
        when(inFrame, () -> frameError.assign(true));
        stageWr.assign(stageCommit);
        crc.assign(CrcNetwork.first(inData));
        frameSeq.assign(hdrSeq);
        frameStart.assign(hdrStart);
        frameWords.assign(hdrWords);
        frameTlast.assign(inData.bit(LinkFrame.FLAG.lsb()));
        frameStaged.assign(stageFits);
        wordsLeft.assign(hdrWords);
        atTrailer.assign(false);
        if (lastCount != null) {
          lastCount.assign(hdrBeats.slice(countBits - 1, 0).minus(1));
        }
        inFrame.assign(headerConsistent);
        when(headerConsistent.not(), () -> frameError.assign(true));
      }).elseWhen(inFrame.and(atTrailer.not()), () -> {
        when(inCtrl.not(), () -> {
          write.assign(frameStaged);
          when(frameStaged, () -> stageWr.assign(stageWr.plus(1)));
          crc.assign(CrcNetwork.next(crc, inData));
          wordsLeft.assign(wordsLeft.minus(1));
          when(lastPayloadWord, () -> atTrailer.assign(true));
        }).otherwise(() -> {
          inFrame.assign(false);
          stageWr.assign(stageCommit);
          frameError.assign(true);
        });
      }).elseWhen(inFrame.and(atTrailer), () -> {
        inFrame.assign(false);
        stageWr.assign(stageCommit);
        when(trailerOk.not(), () -> {
          when(isEnd, () -> crcError.assign(true)).otherwise(() -> frameError.assign(true));
        }).elseWhen(seqOld.or(seqInWindow.not()), () -> dropped.assign(true))
            .elseWhen(withinCredit.not(), () -> creditViolation.assign(true))
            .elseWhen(frameStaged.not(), () -> overflow.assign(true))
            .otherwise(() -> accepted.assign(true));
      });
    });

    Bits job = Bits.concat(List.of(frameSeq.asBits(), frameWords.asBits(), frameStart.asBits()));
    jobs.write(jobWr.slice(Memory.addressWidth(c.placeJobs()) - 1, 0), job, accepted);
    when(accepted, () -> {
      jobWr.assign(jobWr.plus(1));
      stageCommit.assign(stageWr);
    });
    // Re-acknowledge after an old frame: the acknowledgment that would have stopped it was lost.
    when(dropped.and(seqOld), () -> dirty.assign(true));

    // A link reset drops the frame being received (its words were only staged). Good frames
    // already staged, the FIFO and the counters of placed, committed and read words stay.
    onLinkReset(() -> {
      inValid.assign(false);
      inFrame.assign(false);
      stageWr.assign(stageCommit);
    });

    statCounter("crc_errors", crcError);
    statCounter("frame_errors", frameError);
    statCounter("credit_violations", creditViolation);
    statCounter("staging_overflows", overflow);
    duplicatesCounted = dropped;
  }

  // Frames dropped as old or out of window at the trailer; the placer adds duplicates it skips.
  private Bool duplicatesCounted;

  /**
   * Payload words a frame of {@code beats} beats occupies ({@link LinkConfig#wordsForBeats}); only
   * meaningful for beat counts the header check accepts (at most {@link LinkConfig#maxFrameBeats}).
   */
  private UInt wordsForBeats(UInt beats) {
    if (c.wordsPerBeat() > 1) {
      // At most 1024 words a frame, so the low 12 bits of the beat count are all that can matter.
      return beats.slice(F - 5, 0).times(u(c.wordsPerBeat(), 4));
    }
    int shift = Widths.log2(c.beatsPerWord());
    if (shift == 0) {
      return beats;
    }
    // ceil(beats / k): whole words, plus one for a partly filled last word.
    UInt partly = beats.slice(shift - 1, 0).ne(0).asUInt(F - shift);
    return beats.slice(F - 1, shift).plus(partly).resize(F);
  }

  // ---- placement jobs -> the FIFO at each frame's offset, one word per cycle ----

  private void buildPlacer(UInt clearIdx) {
    UInt copied = regInit("place_index", Type.uint(F), 0);
    Bits head = wire("place_job", jobs.readAsync(jobRd.slice(Memory.addressWidth(c.placeJobs()) - 1, 0)));
    UInt jobSeq = wire("place_seq", head.slice(3 * F - 1, 2 * F).asUInt());
    UInt jobWords = wire("place_words", head.slice(2 * F - 1, F).asUInt());
    UInt jobStart = wire("place_start", head.slice(F - 1, 0).asUInt());
    Bool busy = wire("place_busy", jobWr.ne(jobRd));
    // A frame that arrived twice before its first copy was placed, or one already committed.
    Bool duplicate = wire("place_duplicate", placedSeq(jobSeq).eq(jobSeq)
        .or(behind(jobSeq, expectedSeq)));
    Bool lastWord = wire("place_last_word", copied.eq(jobWords.minus(1)));

    Bits word = staging.readSync(stageRd.slice(Memory.addressWidth(c.stagingWords()) - 1, 0), busy);
    // The FIFO write and the slot update happen a cycle later, with the staging read's data.
    Bool writeNext = regInit("place_write", Type.bool(), 0);
    UInt addrNext = reg("place_addr", Type.uint(c.rxAddressWidth()));
    Bool doneNext = regInit("place_done", Type.bool(), 0);
    UInt doneSeq = reg("place_done_seq", Type.uint(F));
    UInt doneEnd = reg("place_done_end", Type.uint(F));
    writeNext.assign(busy.and(duplicate.not()));
    int aw = c.rxAddressWidth();
    addrNext.assign(jobStart.slice(aw - 1, 0).plus(copied.slice(aw - 1, 0)));
    doneNext.assign(busy.and(duplicate.not()).and(lastWord));
    doneSeq.assign(jobSeq);
    doneEnd.assign(jobStart.plus(jobWords));
    when(busy, () -> {
      stageRd.assign(stageRd.plus(1));
      when(lastWord, () -> {
        copied.assign(0);
        jobRd.assign(jobRd.plus(1));
      }).otherwise(() -> copied.assign(copied.plus(1)));
    });
    fifo.write(addrNext, word, writeNext);

    // The frame's slot says it is placed; after the board reset every slot is marked empty first
    // (a sequence number half the space away from any in the window).
    int slotBits = Memory.addressWidth(c.replayFrames());
    UInt slotAddr = wire("slot_write_addr", Type.uint(slotBits));
    UInt slotSeq = wire("slot_write_seq", Type.uint(F));
    Bool slotWrite = wire("slot_write", Type.bool());
    UInt emptyTag = clearIdx.resize(F).plus(1 << (F - 1));
    when(clearing, () -> {
      slotAddr.assign(clearIdx.resize(slotBits));
      slotSeq.assign(emptyTag);
      slotWrite.assign(true);
    }).otherwise(() -> {
      slotAddr.assign(slotOf(doneSeq));
      slotSeq.assign(doneSeq);
      slotWrite.assign(doneNext);
    });
    slotSeqs.write(slotAddr, slotSeq.asBits(), slotWrite);
    slotEnds.write(slotOf(doneSeq), doneEnd.asBits(), doneNext);
    // The scanner looks for holes below the highest frame placed.
    when(doneNext.and(doneSeq.plus(1).minus(expectedSeq).gt(placedHigh.minus(expectedSeq))),
        () -> placedHigh.assign(doneSeq.plus(1)));
    statCounter("frames_dropped_sequence", duplicatesCounted.or(busy.and(duplicate).and(lastWord)));
  }

  // ---- commit: the expected frame, once placed, joins the FIFO's readable words ----

  private void buildCommit() {
    Bool ready = wire("commit_ready", clearing.not().and(placedSeq(expectedSeq).eq(expectedSeq)));
    UInt end = wire("commit_end", slotEnds.readAsync(slotOf(expectedSeq)).asUInt());
    when(ready, () -> {
      wrCommit.assign(end);
      expectedSeq.assign(expectedSeq.plus(1));
      dirty.assign(true);
    });
    statCounter("frames_delivered", ready);
  }

  // ---- NAKs: walk the frames between the expected one and the highest placed, NAK each hole ----

  /**
   * One slot per cycle from the expected frame up to the highest placed; each frame missing there
   * is NAKed (one per control frame). A walk starts again at most once per keepalive period, so a
   * NAK that was lost, or a resend that was lost, is asked for again; the transmitter ignores
   * NAKs of a frame it resent less than a round trip ago.
   */
  private void buildHoleScanner() {
    UInt scan = regInit("scan_seq", Type.uint(F), 0);
    int waitBits = Memory.addressWidth(c.keepaliveCycles() + 1);
    UInt sinceWalk = regInit("scan_wait", Type.uint(waitBits), 0);
    Bool waited = wire("scan_waited", sinceWalk.eq(c.keepaliveCycles()));
    when(waited.not(), () -> sinceWalk.assign(sinceWalk.plus(1)));
    Bool hole = wire("scan_hole", placedSeq(scan).ne(scan));
    when(clearing.not(), () -> {
      when(behind(scan, expectedSeq), () -> scan.assign(expectedSeq))
          .elseWhen(scan.eq(placedHigh), () -> {
            when(waited.and(expectedSeq.ne(placedHigh)), () -> {
              scan.assign(expectedSeq);
              sinceWalk.assign(0);
            });
          })
          .elseWhen(hole.not(), () -> scan.assign(scan.plus(1)))
          .elseWhen(nakPending.not(), () -> {
            nakPending.assign(true);
            nakSeq.assign(scan);
            scan.assign(scan.plus(1));
          });
    });
  }

  // ---- FIFO -> output stream (one beat per cycle while the consumer is ready) ----

  private void buildOutput() {
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
    UInt nakField = mux("ctl_nak_seq", nakPending, nakSeq, u(0, F));
    Bits header = wire("ctl_header", header(LinkFrame.TYPE_CONTROL, nakPending, expectedSeq.asBits(), nakField.asBits(),
        creditLimit.asBits()));
    Bool sendNow = wire("ctl_send", trailerNext.not().and(clearing.not())
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
      ctlCrc.assign(CrcNetwork.first(header));
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
