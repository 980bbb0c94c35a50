package org.shardwire.blocks.engines.routing;

import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * The hardware of {@link ChannelRangeEngineConfig}: a word counter within the pixel and a pixel
 * counter; a word inside the range goes to the output register slice, any other is taken and
 * dropped. The frame ends on the range's last word of the last pixel (the input's tlast comes on
 * the pixel's last word, which may lie outside the range).
 */
public final class ChannelRangeEngine extends EngineModule {

  public ChannelRangeEngine(ChannelRangeEngineConfig c) {
    super(c.moduleName());
    TensorStream stream = c.inputs().get(0);
    Axis in = axisIn("s_axis", stream.axisShape());
    Axis out = registeredOutput("m_axis", c.outputs().get(0).axisShape());
    ignoreLast(in, "s_axis");

    long words = stream.wordsPerPixel();
    long pixels = (long) c.input().h() * c.input().w();
    UInt word = counter("word", words);
    UInt pixel = counter("pixel", pixels);
    int w = bitsFor(words); // wide enough for the range's end word
    // A bound at the pixel's first word or past its last is always met: no comparison for it.
    Bool afterStart = c.firstWord() == 0 ? Bool.of(true) : word.resize(w).ge(UInt.of(c.firstWord(), w));
    Bool beforeEnd = c.endWord() == words ? Bool.of(true) : word.resize(w).lt(UInt.of(c.endWord(), w));
    Bool inRange = wire("in_range", Type.bool());
    inRange.assign(afterStart.and(beforeEnd));

    out.valid().assign(in.valid().and(inRange));
    out.data().assign(in.data());
    out.last().assign(isLast(pixel, pixels).and(word.eq(c.endWord() - 1L)));
    in.ready().assign(out.ready().or(inRange.not()));
    when(in.fire(), () -> {
      when(isLast(word, words), () -> step(pixel, pixels));
      step(word, words);
    });
  }
}
