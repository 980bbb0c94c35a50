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
 * The hardware of {@link LaneAdapterConfig}: a byte gearbox. The buffer holds {@code n} bytes,
 * oldest in byte 0; an output word is the lowest {@code out} bytes (popping shifts the rest down
 * by {@code out}); an input word lands right after the bytes that remain. With room for
 * {@code in + out} bytes the faster side never waits for the slower one. tlast travels as a flag
 * on the byte that ends an input word, at the positions where an output word ends. Equal lane
 * counts need no buffer: the stream only passes the output register slice.
 *
 * <p>With pad channels to drop, a pixel's last input word pushes only its first
 * {@code lastWordLanes} bytes: the pad bytes land beyond the fill level, where the next push
 * overwrites them.
 */
public final class LaneAdapter extends EngineModule {

  public LaneAdapter(LaneAdapterConfig c) {
    super(c.moduleName());
    Axis in = axisIn("s_axis", c.inputs().get(0).axisShape());
    Axis out = registeredOutput("m_axis", c.outputs().get(0).axisShape());
    if (c.inLanes() == c.outLanes() && c.dropLanes() == 0) {
      in.connectTo(out);
      return;
    }
    int inLanes = c.inLanes();
    int outLanes = c.outLanes();
    int cap = c.bufferBytes();
    int step = c.levelStep(); // every fill level is a multiple of this
    int shortPush = c.lastWordLanes();
    int levelBits = bitsFor(cap);

    List<Bits> bytes = new ArrayList<>();
    for (int j = 0; j < cap; j++) {
      bytes.add(reg("byte" + j, Type.bits(8)));
    }
    // Flags only where an output word ends (j = k * out - 1): the only places tlast can be read.
    List<Integer> flagAt = new ArrayList<>();
    List<Bool> flags = new ArrayList<>();
    for (int j = outLanes - 1; j < cap; j += outLanes) {
      flagAt.add(j);
      flags.add(reg("last_at" + j, Type.bool()));
    }
    UInt level = regInit("level", Type.uint(levelBits), 0);

    Bool haveWord = wire("have_word", level.ge(u(outLanes, levelBits)));
    Bool pop = wire("pop", haveWord.and(out.ready()));
    UInt levelAfterPop = wire("level_after_pop", Type.uint(levelBits));
    levelAfterPop.assign(level);
    when(pop, () -> levelAfterPop.assign(level.minus(outLanes)));
    in.ready().assign(levelAfterPop.le(u(outLanes, levelBits)));
    Bool push = wire("push", in.fire());
    // The pixel's last input word carries the pad channels, when there are any to drop: it pushes fewer bytes.
    Bool shortWord;
    if (c.dropLanes() > 0) {
      UInt inWord = counter("in_word", c.inWordsPerPixel());
      when(push, () -> step(inWord, c.inWordsPerPixel()));
      shortWord = wire("pad_word", isLast(inWord, c.inWordsPerPixel()));
      when(push.and(shortWord), () -> level.assign(levelAfterPop.plus(shortPush)))
          .elseWhen(push, () -> level.assign(levelAfterPop.plus(inLanes)))
          .otherwise(() -> level.assign(levelAfterPop));
    } else {
      shortWord = bool(false);
      when(push, () -> level.assign(levelAfterPop.plus(inLanes)))
          .otherwise(() -> level.assign(levelAfterPop));
    }

    out.valid().assign(haveWord);
    out.data().assign(Bits.packLanes(bytes.subList(0, outLanes)));
    out.last().assign(flags.get(0));

    // Pop: shift down by one output word.
    for (int j = 0; j + outLanes < cap; j++) {
      Bits b = bytes.get(j);
      Bits from = bytes.get(j + outLanes);
      when(pop, () -> b.assign(from));
    }
    for (int f = 0; f < flags.size(); f++) {
      Bool flag = flags.get(f);
      Bool from = f + 1 < flags.size() ? flags.get(f + 1) : bool(false);
      when(pop, () -> flag.assign(from));
    }
    // Push: the input word lands at the fill level left after the pop.
    when(push, () -> {
      Switch at = switchOn(levelAfterPop);
      for (int p = 0; p <= outLanes; p += step) {
        int base = p;
        at.is(p, () -> {
          for (int l = 0; l < inLanes; l++) {
            bytes.get(base + l).assign(in.data().lane(l, 8));
          }
          for (int f = 0; f < flags.size(); f++) {
            int j = flagAt.get(f);
            if (j >= base && j < base + inLanes) {
              flags.get(f).assign(lastFlag(j - base, inLanes, shortPush, in.last(), shortWord));
            }
          }
        });
      }
      at.end();
    });
  }

  /**
   * tlast for the byte at offset {@code at} of a pushed word: the word's tlast on its last byte,
   * which is byte {@code shortPush - 1} of a word whose pad channels are dropped.
   */
  private Bool lastFlag(int at, int inLanes, int shortPush, Bool last, Bool shortWord) {
    boolean endsWord = at == inLanes - 1;
    boolean endsShortWord = at == shortPush - 1;
    if (endsWord && endsShortWord) {
      return last;
    }
    if (endsShortWord) {
      return last.and(shortWord);
    }
    return endsWord ? last.and(shortWord.not()) : bool(false);
  }
}
