package org.shardwire.blocks.link;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.PackedField;

/**
 * The word layout on a lane (docs/link.md), shared by the RTL and the reference encoder the
 * tests compare it with. A lane word is 64 bits plus a control flag standing for the 64b/66b
 * sync header (control block vs data block). Control words carry a block type in bits 63:56.
 *
 * <pre>
 * data header   ctrl=1  [63:56]=0xD2 [55:49]=0 [48]=tlast [47:32]=seq [31:16]=beats [15:0]=start offset
 * payload       ctrl=0  beats packed, beat 0 in the least significant bits
 * trailer       ctrl=1  [63:56]=0xE1 [55:32]=0 [31:0]=CRC-32 of the header and payload words
 * control       ctrl=1  [63:56]=0x2D [55:49]=0 [48]=nak [47:32]=ack [31:16]=NAKed seq (0 without nak)
 *               [15:0]=credit limit, followed by a trailer
 * idle          ctrl=1  [63:56]=0x78 [55:0]=0
 * </pre>
 *
 * The four block types differ pairwise in at least four bits. A data frame's payload word count
 * follows from its beat count ({@link LinkConfig#wordsForBeats}); its start offset (the cumulative
 * payload-word offset of its first word) lets a receiver place a frame that arrives after a gap
 * (selective repeat, docs/link.md).
 */
public final class LinkFrame {
  private LinkFrame() {}

  public static final int WORD_BITS = 64;
  /** Sequence numbers, beat and word counts, word offsets and credit limits. */
  public static final int FIELD_BITS = 16;
  public static final int CRC_BITS = 32;

  public static final int TYPE_IDLE = 0x78;
  public static final int TYPE_DATA = 0xD2;
  public static final int TYPE_CONTROL = 0x2D;
  public static final int TYPE_END = 0xE1;

  // The fields of a header word, least significant first: the offsets follow from the widths, and
  // the same field places a value in the reference encoder and slices it out in the RTL.
  /** Data header: the frame's start offset, its beat count and its sequence number. */
  public static final PackedField OFFSET = PackedField.first("start_offset", FIELD_BITS);
  public static final PackedField BEATS = OFFSET.next("beats", FIELD_BITS);
  public static final PackedField SEQ = BEATS.next("seq", FIELD_BITS);
  /** Control header, the same places: the credit limit, the NAKed sequence number and the ack. */
  public static final PackedField CREDIT = PackedField.first("credit_limit", FIELD_BITS);
  public static final PackedField NAK_SEQ = CREDIT.next("nak_seq", FIELD_BITS);
  public static final PackedField ACK = NAK_SEQ.next("ack", FIELD_BITS);
  /** Both headers: tlast (data) or nak (control), reserved zero bits, the block type. */
  public static final PackedField FLAG = SEQ.next("flag", 1);
  public static final PackedField RESERVED = FLAG.next("reserved", 7);
  public static final PackedField TYPE = RESERVED.next("type", WORD_BITS - RESERVED.end());
  /** Trailer: the CRC, then reserved zero bits up to the block type. */
  public static final PackedField CRC = PackedField.first("crc", CRC_BITS);
  public static final PackedField TRAILER_RESERVED = CRC.next("trailer_reserved", TYPE.lsb() - CRC.end());

  /** One word on a lane. */
  public record Word(boolean control, long data) {
    @Override
    public String toString() {
      return (control ? "C:" : "D:") + String.format("%016x", data);
    }
  }

  /** {@code startOffset}: cumulative payload words before this frame, modulo 2^16. */
  public static long dataHeader(int seq, int beats, int startOffset, boolean tlast) {
    return type(TYPE_DATA) | FLAG.place(tlast ? 1 : 0).longValue() | field(SEQ, seq) | field(BEATS, beats)
        | field(OFFSET, startOffset);
  }

  /** A control header without a NAK. */
  public static long controlHeader(int ack, int creditLimit) {
    return type(TYPE_CONTROL) | field(ACK, ack) | field(CREDIT, creditLimit);
  }

  /** A control header that also asks for frame {@code nakSeq} again. */
  public static long controlHeader(int ack, int creditLimit, int nakSeq) {
    return controlHeader(ack, creditLimit) | FLAG.place(1).longValue() | field(NAK_SEQ, nakSeq);
  }

  public static long trailer(int crc) {
    return type(TYPE_END) | CRC.place(crc & 0xFFFF_FFFFL).longValue();
  }

  public static long idle() {
    return type(TYPE_IDLE);
  }

  private static long type(int type) {
    return TYPE.place(type).longValue();
  }

  /** An unsigned 16-bit field in its place. */
  private static long field(PackedField f, int value) {
    if (value < 0 || value >= (1 << f.width())) {
      throw new IllegalArgumentException("link frame field " + f.name() + " = " + value + " does not fit in "
          + f.width() + " bits");
    }
    return f.place(value).longValue();
  }

  /** A beat of the stream: its int8 lanes packed lane 0 least significant, and tlast. */
  public record Beat(java.math.BigInteger data, boolean last) {}

  /**
   * The words of one data frame carrying {@code beats} (at most {@link LinkConfig#maxFrameBeats()}):
   * header, payload, trailer with the CRC. The frame's tlast flag is the last beat's tlast;
   * beats before the last must not have tlast (a transmitter closes a frame at tlast).
   * {@code startOffset}: payload words of the frames before it (modulo 2^16).
   */
  public static List<Word> dataFrame(LinkConfig c, int seq, int startOffset, List<Beat> beats) {
    if (beats.isEmpty() || beats.size() > c.maxFrameBeats()) {
      throw new IllegalArgumentException("a frame holds 1.." + c.maxFrameBeats() + " beats, got " + beats.size());
    }
    for (int i = 0; i + 1 < beats.size(); i++) {
      if (beats.get(i).last()) {
        throw new IllegalArgumentException("beat " + i + " has tlast but is not the frame's last beat");
      }
    }
    List<Long> payload = packPayload(c, beats);
    long header = dataHeader(seq, beats.size(), startOffset, beats.get(beats.size() - 1).last());
    return withTrailer(header, payload);
  }

  /** A control frame without a NAK: header and trailer. */
  public static List<Word> controlFrame(int ack, int creditLimit) {
    return withTrailer(controlHeader(ack, creditLimit), List.of());
  }

  private static List<Word> withTrailer(long header, List<Long> payload) {
    List<Long> covered = new ArrayList<>();
    covered.add(header);
    covered.addAll(payload);
    List<Word> words = new ArrayList<>();
    words.add(new Word(true, header));
    for (long p : payload) {
      words.add(new Word(false, p));
    }
    words.add(new Word(true, trailer(Crc32Words.frameCrc(covered))));
    return words;
  }

  /** Payload words: several narrow beats per word, or one wide beat split over several words. */
  static List<Long> packPayload(LinkConfig c, List<Beat> beats) {
    List<Long> words = new ArrayList<>();
    int w = c.beatBits();
    if (c.wordsPerBeat() > 1) {
      for (Beat b : beats) {
        for (int j = 0; j < c.wordsPerBeat(); j++) {
          words.add(b.data().shiftRight(j * WORD_BITS).longValue());
        }
      }
      return words;
    }
    for (int i = 0; i < beats.size(); i += c.beatsPerWord()) {
      java.math.BigInteger word = java.math.BigInteger.ZERO;
      for (int s = 0; s < c.beatsPerWord() && i + s < beats.size(); s++) {
        word = word.or(beats.get(i + s).data().shiftLeft(s * w));
      }
      words.add(word.longValue());
    }
    return words;
  }

  /**
   * How a transmitter cuts a stream into frames when its input never pauses: a frame closes when
   * it is full or at a beat with tlast. (With pauses, an idle input also closes a frame.)
   */
  public static List<List<Beat>> cutIntoFrames(LinkConfig c, List<Beat> stream) {
    List<List<Beat>> frames = new ArrayList<>();
    List<Beat> open = new ArrayList<>();
    for (Beat b : stream) {
      open.add(b);
      if (b.last() || open.size() == c.maxFrameBeats()) {
        frames.add(open);
        open = new ArrayList<>();
      }
    }
    if (!open.isEmpty()) {
      frames.add(open);
    }
    return frames;
  }
}
