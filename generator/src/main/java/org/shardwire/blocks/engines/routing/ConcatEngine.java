package org.shardwire.blocks.engines.routing;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.ClampBounds;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Fifo;
import org.shardwire.hdl.SInt;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * The hardware of {@link ConcatEngineConfig}: each input through its FIFO, a selector walks the
 * inputs pixel by pixel (input i for its C_i/lanes words, then the next), and one requantizer per lane, whose (M, s) follows the
 * selected input, scales the word to the output.
 */
public final class ConcatEngine extends EngineModule {

  public ConcatEngine(ConcatEngineConfig c) {
    super(c.moduleName());
    List<TensorStream> streams = c.inputs();
    int k = streams.size();
    List<Axis> ins = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      TensorStream s = streams.get(i);
      Fifo fifo = fifo(ConcatEngineConfig.inputFifoName(i), s.axisShape(), c.inputFifoDepth(i), c.fifoStyles().get(i));
      axisIn(s.port(), s.axisShape()).connectTo(fifo.push());
      ins.add(fifo.pop());
    }
    Axis out = registeredOutput("m_axis", c.outputs().get(0).axisShape());
    int lanes = c.lanes();

    Bool resultValid = regInit("result_valid", Type.bool(), 0);
    Bool advance = wire("advance", resultValid.not().or(out.ready()));

    int selectBits = bitsFor(k - 1);
    UInt select = regInit("select", Type.uint(selectBits), 0);
    int maxWords = streams.stream().mapToInt(TensorStream::wordsPerPixel).max().orElseThrow();
    UInt word = regInit("word", Type.uint(bitsFor(maxWords - 1L)), 0);

    Bool currentValid = wire("current_valid", Type.bool());
    Bits currentData = wire("current_data", Type.bits(lanes * 8));
    Bool lastWordOfInput = wire("last_word_of_input", Type.bool());
    currentValid.assign(false);
    currentData.assign(ins.get(0).data());
    lastWordOfInput.assign(false);
    for (int i = 0; i < k; i++) {
      Axis in = ins.get(i);
      Bool selected = select.eq(i);
      in.ready().assign(advance.and(selected));
      long lastWord = streams.get(i).wordsPerPixel() - 1L;
      when(selected, () -> {
        currentValid.assign(in.valid());
        currentData.assign(in.data());
        lastWordOfInput.assign(word.eq(lastWord));
      });
    }
    Bool take = wire("take", currentValid.and(advance));
    when(take, () -> when(lastWordOfInput, () -> {
      word.assign(0);
      when(select.eq(k - 1), () -> select.assign(0)).otherwise(() -> select.assign(select.plus(1)));
    }).otherwise(() -> word.assign(word.plus(1))));

    // tlast: the frame ends with the last input's tlast, confirmed by what the others said at the
    // end of their part of the same pixel.
    Bool othersEnded = null;
    for (int i = 0; i < k - 1; i++) {
      Axis in = ins.get(i);
      Bool ended = reg("input" + i + "_ended_frame", Type.bool());
      when(in.fire().and(lastWordOfInput), () -> ended.assign(in.last()));
      othersEnded = othersEnded == null ? ended : othersEnded.and(ended);
    }
    Bool frameEnd = wire("frame_end", ins.get(k - 1).last().and(othersEnded).and(select.eq(k - 1)));

    Bool productValid = validStage("product_valid", currentValid, advance);
    when(advance, () -> resultValid.assign(productValid));
    Bool resultLast = pipe("result_last", pipe("product_last", frameEnd, advance), advance);

    List<SInt> x = int8Lanes(currentData, lanes);
    List<SInt> y = new ArrayList<>();
    for (int l = 0; l < lanes; l++) {
      SInt r = requantize("rq_lane" + l, x.get(l), c.requant(), select, advance);
      y.add(clampInt8("y_lane" + l, r, ClampBounds.FULL));
    }
    out.valid().assign(resultValid);
    out.data().assign(Bits.packLanes(y));
    out.last().assign(resultLast);
  }
}
