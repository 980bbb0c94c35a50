package org.shardwire.blocks.engines.conv;

import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.engines.window.SlidingWindow;
import org.shardwire.blocks.engines.window.SlidingWindowConfig;
import org.shardwire.blocks.mac.LaneMacArray;
import org.shardwire.blocks.mac.LaneMacArrayConfig;
import org.shardwire.blocks.mac.MacArray;
import org.shardwire.blocks.mac.MacArrayConfig;
import org.shardwire.blocks.memory.WeightBuffer;
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * The datapath shared by the conv and depthwise engines (the MVAU of docs/engines.md):
 * sliding window -> weight fetch -> MAC array -> requantizer.
 *
 * <p>The window emits exactly the words the MAC array consumes, in the order the weights are
 * stored, so the weight address is a counter that wraps once per output pixel; a beat counter
 * marks each window's first beat (clear) and last beat (emit). The fetch stage holds one window
 * word while the weight RAM reads its word; the RAM's output register and the stage's registers
 * hold together when the MAC array stalls.
 */
abstract class MacEngine extends EngineModule {
  private final Axis input;
  private final Axis output;

  /** What differs between the engines; all derived from their configs. */
  record Parts(String moduleName, TensorStream input, TensorStream output, SlidingWindowConfig window,
               WeightBufferConfig weights, int weightWordsPerPixel, int beatsPerWindow, MacArrayConfig dot,
               LaneMacArrayConfig lanes, RequantizerConfig requant) {}

  protected MacEngine(Parts p) {
    super(p.moduleName());
    input = axisIn("s_axis", p.input().axisShape());
    output = axisOut("m_axis", p.output().axisShape());

    SlidingWindow window = child("window", new SlidingWindow(p.window()));
    input.connectTo(window.input());
    WeightBuffer weights = child("weight_rom", new WeightBuffer(p.weights()));
    Axis macIn;
    Axis macOut;
    MacArray dot = null;
    if (p.dot() != null) {
      dot = child("mac", new MacArray(p.dot()));
      macIn = dot.input();
      macOut = dot.output();
    } else {
      LaneMacArray mac = child("mac", new LaneMacArray(p.lanes()));
      macIn = mac.input();
      macOut = mac.output();
    }
    Requantizer requant = child("requant", new Requantizer(p.requant()));

    // ---- weight fetch: one window word waits here while its weight word is read ----
    Axis words = window.output();
    ignoreLast(words, "window");
    int actBits = p.window().lanes() * Widths.INT8;
    Bool feedValid = regInit("feed_valid", Type.bool(), 0);
    Bits feedActs = reg("feed_acts", Type.bits(actBits));
    Bool feedClear = reg("feed_clear", Type.bool());
    Bool feedEmit = reg("feed_emit", Type.bool());
    UInt beat = counter("window_beat", p.beatsPerWindow());
    UInt weightAddress = counter("weight_address", p.weightWordsPerPixel());
    Bool advance = wire("feed_advance", feedValid.not().or(macIn.ready()));
    words.ready().assign(advance);
    when(advance, () -> feedValid.assign(words.valid()));
    when(words.fire(), () -> {
      feedActs.assign(words.data());
      feedClear.assign(beat.eq(0));
      feedEmit.assign(isLast(beat, p.beatsPerWindow()));
      step(beat, p.beatsPerWindow());
      step(weightAddress, p.weightWordsPerPixel());
    });
    weights.readEnable().assign(words.fire());
    weights.readAddress().assign(weightAddress.resize(p.weights().addressWidth()));

    macIn.valid().assign(feedValid);
    if (dot != null) {
      // PE rows straight from the weight banks: the whole PE x SIMD word never exists as one signal.
      for (int pe = 0; pe < p.dot().pe(); pe++) {
        dot.weightRow(pe).assign(weights.readData().lane(pe, p.dot().weightRowBits()));
      }
      macIn.data().assign(feedActs);
    } else {
      macIn.data().assign(weights.readData().whole().concat(feedActs));
    }
    macIn.user().assign(feedClear.asBits());
    macIn.last().assign(feedEmit);
    macOut.connectTo(requant.input());
    requant.output().connectTo(output);
  }

  public Axis input() {
    return input;
  }

  public Axis output() {
    return output;
  }
}
