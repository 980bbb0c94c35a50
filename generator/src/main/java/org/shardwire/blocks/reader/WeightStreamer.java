package org.shardwire.blocks.reader;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.hdl.Axi4Read;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * Streams an engine's weight words from DDR ({@link WeightStreamConfig}): a {@link VectorReader}
 * reads the layer's region again and again (its command is a constant, always valid), and each
 * word's {@code beatsPerWord} beats are joined into one word on {@code m_axis} (beat 0 in the low
 * bits; the padding above the word is dropped).
 */
public final class WeightStreamer extends Module {
  private final Axis words;
  private final Axi4Read axi;

  public WeightStreamer(WeightStreamConfig c) {
    super(c.moduleName());
    VectorReaderConfig rc = c.reader();
    words = axisOut("m_axis", AxisShape.data(c.wordBits()));
    axi = axi4ReadMaster("m_axi", rc.axiShape());
    VectorReader reader = child("reader", new VectorReader(rc, c.bufferStyle(), c.commandStyle()));
    reader.axi().connectTo(axi);
    reader.command().valid().assign(true);
    reader.command().data().assign(Bits.of(c.passCommand(), rc.commandShape().dataWidth()));
    Bool cmdReadyUnused = wire("cmd_ready_unused", Type.bool());  // the next pass waits in the reader
    cmdReadyUnused.assign(reader.command().ready());
    status().forward(reader, "");

    Axis beats = reader.output();
    Bool lastUnused = wire("pass_end_unused", Type.bool());  // passes follow each other without a gap
    lastUnused.assign(beats.last());
    int n = c.beatsPerWord();
    int beatBits = rc.wordBits();
    if (n == 1) {
      words.valid().assign(beats.valid());
      beats.ready().assign(words.ready());
      if (c.wordBits() == beatBits) {
        words.data().assign(beats.data());
      } else {
        Bits padUnused = wire("padding_unused", Type.bits(beatBits - c.wordBits()));
        padUnused.assign(beats.data().slice(beatBits - 1, c.wordBits()));
        words.data().assign(beats.data().slice(c.wordBits() - 1, 0));
      }
      return;
    }
    // Beats 0 .. n-2 wait in registers; the word leaves with beat n-1.
    UInt index = regInit("beat_index", Type.uint(org.shardwire.hdl.Memory.addressWidth(n)), 0);
    List<Bits> held = new ArrayList<>();
    for (int k = 0; k < n - 1; k++) {
      held.add(reg("beat" + k, Type.bits(beatBits)));
    }
    Bool lastBeat = wire("last_beat", index.eq(n - 1));
    words.valid().assign(beats.valid().and(lastBeat));
    beats.ready().assign(lastBeat.not().or(words.ready()));
    List<Bits> parts = new ArrayList<>();
    parts.add(beats.data());
    for (int k = n - 2; k >= 0; k--) {
      parts.add(held.get(k));
    }
    Bits joined = wire("joined", Bits.concat(parts));
    int total = n * beatBits;
    if (total > c.wordBits()) {
      Bits padUnused = wire("padding_unused", Type.bits(total - c.wordBits()));
      padUnused.assign(joined.slice(total - 1, c.wordBits()));
    }
    words.data().assign(joined.slice(c.wordBits() - 1, 0));
    when(beats.fire(), () -> {
      index.assign(index.plus(1));
      for (int k = 0; k < n - 1; k++) {
        int kk = k;
        when(index.eq(kk), () -> held.get(kk).assign(beats.data()));
      }
      when(lastBeat, () -> index.assign(0));
    });
  }

  /** {@code m_axis}: one weight word per transfer, in the order the engine uses them. */
  public Axis words() {
    return words;
  }

  public Axi4Read axi() {
    return axi;
  }
}
