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
    if ((long) region.words() * region.beatsPerWord() > reader.maxCount()) {
      throw new IllegalArgumentException("weight stream " + region.name() + ": " + region.words() * (long) region.beatsPerWord()
          + " beats a pass, the reader's commands hold at most " + reader.maxCount());
    }
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
    return "weight_streamer_w" + wordBits() + "_x" + region.words() + "_" + reader.moduleName().replace("vector_reader_", "");
  }
}
