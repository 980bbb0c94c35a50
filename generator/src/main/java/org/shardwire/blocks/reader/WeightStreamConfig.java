package org.shardwire.blocks.reader;

import java.math.BigInteger;
import org.shardwire.hdl.RamStyle;

/**
 * An engine's weights streamed from DDR ({@link WeightStreamer}): the reader that fetches them,
 * the layer's region of the DDR weight image, and the RAM of the reader's data buffer. The region
 * is read from start to end over and over, one pass per output pixel, as the engine walks its
 * weight words; the buffer keeps {@code reader.outstandingBursts()} bursts in flight ahead of the
 * engine, so while it computes on one burst's words the next ones are already on their way.
 */
public record WeightStreamConfig(VectorReaderConfig reader, DdrWeightLayout.Region region, RamStyle bufferStyle) {
  public WeightStreamConfig {
    if (region.beatBytes() != reader.beatBytes()) {
      throw new IllegalArgumentException("weight stream " + region.name() + ": laid out in " + region.beatBytes()
          + "-byte beats, the reader reads " + reader.beatBytes());
    }
    if (region.wordBits() > org.shardwire.hdl.Signal.MAX_WIDTH) {
      throw new IllegalArgumentException("weight stream " + region.name() + ": " + region.wordBits()
          + "-bit weight words; the streamer joins beats into one word of at most "
          + org.shardwire.hdl.Signal.MAX_WIDTH + " bits");
    }
    if ((long) region.words() * region.beatsPerWord() > reader.maxCount()) {
      throw new IllegalArgumentException("weight stream " + region.name() + ": " + region.words() * (long) region.beatsPerWord()
          + " beats a pass, the reader's commands hold at most " + reader.maxCount());
    }
  }

  /** Byte address bits of a weight reader's AXI4 port: 1 TB, the widest DRAM window of the catalog's boards. */
  public static final int ADDRESS_BITS = 40;
  /** Bursts of 16 beats, 8 in flight: the buffer covers a DDR latency of about 128 cycles at a beat a cycle. */
  public static final int BURST_BEATS = 16;
  public static final int OUTSTANDING_BURSTS = 8;

  /**
   * The reader a streamed layer uses on an AXI4 port of {@code beatBits} data bits: 16 lanes of
   * beatBits/16 bits (a weight word is whole beats, never realigned), the longest commands the
   * reader takes (a whole region per pass), 16-beat bursts, 8 in flight.
   */
  public static VectorReaderConfig readerFor(int beatBits) {
    if (beatBits < 16 || beatBits > 1024 || Integer.bitCount(beatBits) != 1) {
      throw new IllegalArgumentException("a weight reader's AXI4 data width must be a power of two of 16..1024 bits, got "
          + beatBits);
    }
    return new VectorReaderConfig(beatBits / 16, 16, ADDRESS_BITS, 24,
        Math.min(BURST_BEATS, org.shardwire.hdl.Axi4ReadShape.BOUNDARY_BYTES / (beatBits / 8)), OUTSTANDING_BURSTS);
  }

  /**
   * Layer {@code name}'s stream of {@code words} words of {@code wordBits} bits on a port of
   * {@code beatBits} bits, laid out alone at address 0: every figure the engine states (cycles,
   * DDR beats, memories) is the same wherever the board's layout puts the region.
   */
  public static WeightStreamConfig alone(String name, int beatBits, int wordBits, int words, RamStyle bufferStyle) {
    VectorReaderConfig r = readerFor(beatBits);
    DdrWeightLayout l = DdrWeightLayout.of(r.beatBytes(), 0, java.util.List.of(new DdrWeightLayout.Segment(name,
        wordBits, words)));
    return new WeightStreamConfig(r, l.region(name), bufferStyle);
  }

  /** The same stream reading {@code region} (the board's layout places it). */
  public WeightStreamConfig at(DdrWeightLayout.Region placed) {
    return new WeightStreamConfig(reader, placed, bufferStyle);
  }

  /** The reader's command queue: a few entries, in the LUT RAM of the data buffer's vendor (null with no buffer style). */
  public RamStyle commandStyle() {
    return bufferStyle == null ? null : bufferStyle.vendor().lutRamStyle();
  }

  public int wordBits() {
    return region.wordBits();
  }

  public int beatsPerWord() {
    return region.beatsPerWord();
  }

  /** The command that reads the whole region once. */
  public BigInteger passCommand() {
    return region.command(reader, 0, region.words()).toVector(reader).get(0);
  }

  /** DDR beats per pass over the region. */
  public long beatsPerPass() {
    return (long) region.words() * region.beatsPerWord();
  }

  public String moduleName() {
    // The region's address is part of the module (its one constant command): two layers of the same
    // shape streamed from different addresses are two modules.
    return "weight_streamer_w" + wordBits() + "_x" + region.words() + "_at" + Long.toHexString(region.byteAddress())
        + "_" + reader.moduleName().replace("vector_reader_", "");
  }
}
