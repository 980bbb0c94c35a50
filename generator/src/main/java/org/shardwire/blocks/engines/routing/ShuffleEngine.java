package org.shardwire.blocks.engines.routing;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Switch;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * The hardware of {@link ShuffleEngineConfig}: two pixel buffers used in turn. The writer fills
 * one with the C/lanes words of a pixel while the reader emits the other, each output lane
 * picking its fixed source channel for the current output word.
 */
public final class ShuffleEngine extends EngineModule {

  public ShuffleEngine(ShuffleEngineConfig c) {
    super(c.moduleName());
    Axis in = axisIn("s_axis", c.inputs().get(0).axisShape());
    Axis out = registeredOutput("m_axis", c.outputs().get(0).axisShape());
    int channels = c.shape().c();
    int lanes = c.lanes();
    int words = channels / lanes;
    int[] source = c.sourceChannel();

    List<List<Bits>> banks = new ArrayList<>();
    List<Bool> full = new ArrayList<>();
    List<Bool> endsFrame = new ArrayList<>();
    for (int b = 0; b < 2; b++) {
      List<Bits> bank = new ArrayList<>();
      for (int j = 0; j < channels; j++) {
        bank.add(reg("bank" + b + "_ch" + j, Type.bits(8)));
      }
      banks.add(bank);
      full.add(regInit("bank" + b + "_full", Type.bool(), 0));
      endsFrame.add(reg("bank" + b + "_ends_frame", Type.bool()));
    }
    Bool writeBank = regInit("write_bank", Type.bool(), 0);
    Bool readBank = regInit("read_bank", Type.bool(), 0);

    // ---- writer: word w of a pixel goes to channels w*lanes .. w*lanes+lanes-1
    Bool writeBankFull = wire("write_bank_full", Type.bool());
    writeBankFull.assign(full.get(0));
    when(writeBank, () -> writeBankFull.assign(full.get(1)));
    in.ready().assign(writeBankFull.not());
    UInt writeWord = counter("write_word", words);
    when(in.fire(), () -> step(writeWord, words));
    when(in.fire(), () -> {
      for (int b = 0; b < 2; b++) {
        List<Bits> bank = banks.get(b);
        Bool thisBank = b == 0 ? writeBank.not() : writeBank;
        when(thisBank, () -> storeWord(bank, writeWord, in.data(), lanes, words));
      }
    });
    Bool pixelWritten = wire("pixel_written", in.fire().and(isLast(writeWord, words)));

    // ---- reader
    Bool readBankFull = wire("read_bank_full", Type.bool());
    Bool readEndsFrame = wire("read_ends_frame", Type.bool());
    readBankFull.assign(full.get(0));
    readEndsFrame.assign(endsFrame.get(0));
    when(readBank, () -> {
      readBankFull.assign(full.get(1));
      readEndsFrame.assign(endsFrame.get(1));
    });
    UInt readWord = counter("read_word", words);
    when(out.fire(), () -> step(readWord, words));
    Bool pixelRead = wire("pixel_read", out.fire().and(isLast(readWord, words)));

    List<Bits> current = new ArrayList<>();
    for (int j = 0; j < channels; j++) {
      Bits ch = wire("read_ch" + j, Type.bits(8));
      ch.assign(banks.get(0).get(j));
      Bits other = banks.get(1).get(j);
      when(readBank, () -> ch.assign(other));
      current.add(ch);
    }
    List<Bits> outLanes = new ArrayList<>();
    for (int l = 0; l < lanes; l++) {
      Bits lane = wire("out_lane" + l, Type.bits(8));
      int laneIndex = l;
      if (words == 1) {
        lane.assign(current.get(source[l]));
      } else {
        Switch pick = switchOn(readWord);
        for (int w = 1; w < words; w++) {
          Bits src = current.get(source[w * lanes + laneIndex]);
          pick.is(w, () -> lane.assign(src));
        }
        Bits first = current.get(source[laneIndex]);
        pick.otherwise(() -> lane.assign(first));
      }
      outLanes.add(lane);
    }
    out.valid().assign(readBankFull);
    out.data().assign(Bits.packLanes(outLanes));
    out.last().assign(readEndsFrame.and(isLast(readWord, words)));

    // ---- bank hand-over (a bank is filled only when empty and emptied only when full)
    for (int b = 0; b < 2; b++) {
      Bool isWrite = b == 0 ? writeBank.not() : writeBank;
      Bool isRead = b == 0 ? readBank.not() : readBank;
      Bool f = full.get(b);
      Bool e = endsFrame.get(b);
      when(pixelWritten.and(isWrite), () -> {
        f.assign(true);
        e.assign(in.last());
      });
      when(pixelRead.and(isRead), () -> f.assign(false));
    }
    when(pixelWritten, () -> writeBank.assign(writeBank.not()));
    when(pixelRead, () -> readBank.assign(readBank.not()));
  }

  private static void storeWord(List<Bits> bank, UInt word, Bits data, int lanes, int words) {
    if (words == 1) {
      for (int l = 0; l < lanes; l++) {
        bank.get(l).assign(data.lane(l, 8));
      }
      return;
    }
    Switch at = switchOn(word);
    for (int w = 0; w < words; w++) {
      int base = w * lanes;
      at.is(w, () -> {
        for (int l = 0; l < lanes; l++) {
          bank.get(base + l).assign(data.lane(l, 8));
        }
      });
    }
    at.end();
  }
}
