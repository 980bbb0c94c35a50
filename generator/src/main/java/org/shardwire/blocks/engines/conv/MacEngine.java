package org.shardwire.blocks.engines.conv;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.engines.routing.LaneAdapter;
import org.shardwire.blocks.engines.routing.LaneAdapterConfig;
import org.shardwire.blocks.engines.window.SlidingWindow;
import org.shardwire.blocks.engines.window.SlidingWindowConfig;
import org.shardwire.blocks.mac.LaneMacArray;
import org.shardwire.blocks.mac.LaneMacArrayConfig;
import org.shardwire.blocks.mac.MacArray;
import org.shardwire.blocks.mac.MacArrayConfig;
import org.shardwire.blocks.memory.WeightBuffer;
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.blocks.reader.WeightStreamConfig;
import org.shardwire.blocks.reader.WeightStreamer;
import org.shardwire.hdl.Axi4Read;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.AxisShape;
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
 *
 * <p>With mmv > 1 the window word holds mmv pixels' activations; mmv MAC arrays take one slice
 * each with the same weight rows, so they run in lockstep (same valid, same ready, same beats),
 * and a serializer sends their mmv sum words to the requantizer one pixel at a time, taking the
 * next group's sums in the cycle it sends the last word of the current one.
 */
abstract class MacEngine extends EngineModule {
  private final Axis input;
  private final Axis output;
  /** The DDR read port of a streamed engine ({@code m_axi}), null with the weights on chip. */
  private Axi4Read ddr;

  /**
   * What differs between the engines; all derived from their configs. {@code regroup}: the lane
   * adapter that cuts the window's words into MAC beats (SIMD across the window), or null;
   * {@code padDrop}: the one behind the requantizer that leaves out a padded conv's pad lanes, or null.
   */
  record Parts(String moduleName, TensorStream input, TensorStream output, SlidingWindowConfig window,
               LaneAdapterConfig regroup, WeightBufferConfig weights, int weightWordsPerPixel, int beatsPerWindow,
               MacArrayConfig dot, LaneMacArrayConfig lanes, RequantizerConfig requant, int mmv,
               LaneAdapterConfig padDrop) {
    /** The window's words are the MAC beats, and every output lane a real channel. */
    Parts(String moduleName, TensorStream input, TensorStream output, SlidingWindowConfig window,
          WeightBufferConfig weights, int weightWordsPerPixel, int beatsPerWindow, MacArrayConfig dot,
          LaneMacArrayConfig lanes, RequantizerConfig requant, int mmv) {
      this(moduleName, input, output, window, null, weights, weightWordsPerPixel, beatsPerWindow, dot, lanes, requant,
          mmv, null);
    }

    /** Lanes of a MAC beat's activations: mmv pixels or a kernel row as the window emits them, or the regrouped SIMD. */
    int beatLanes() {
      return regroup == null ? window.wordLanes() : regroup.outLanes();
    }
  }

  protected MacEngine(Parts p) {
    this(p, null);
  }

  /**
   * With {@code streamed} set, the weights come from DDR through a {@link WeightStreamer} on the
   * engine's {@code m_axi} port instead of from {@code p.weights()}'s ROM: the fetch stage takes a
   * window word only together with the next weight word, which it registers beside it.
   */
  protected MacEngine(Parts p, WeightStreamConfig streamed) {
    super(streamed == null ? p.moduleName() : p.moduleName() + "_ddr");
    input = axisIn("s_axis", p.input().axisShape());
    output = axisOut("m_axis", p.output().axisShape());

    SlidingWindow window = child("window", new SlidingWindow(p.window()));
    input.connectTo(window.input());
    WeightBuffer weights = streamed == null ? child("weight_rom", new WeightBuffer(p.weights())) : null;
    Axis stream = null;
    if (streamed != null) {
      WeightStreamer streamer = child("weight_stream", new WeightStreamer(streamed));
      ddr = axi4ReadMaster("m_axi", streamed.reader().axiShape());
      streamer.axi().connectTo(ddr);
      status().forward(streamer, "weights_");
      stream = streamer.words();
    }
    Axis macIn;
    Axis macOut;
    List<MacArray> dots = new ArrayList<>();
    if (p.dot() != null) {
      for (int m = 0; m < p.mmv(); m++) {
        dots.add(child(p.mmv() == 1 ? "mac" : "mac_m" + m, new MacArray(p.dot())));
      }
      macIn = dots.get(0).input();
      macOut = p.mmv() == 1 ? dots.get(0).output() : serialize(dots);
    } else {
      LaneMacArray mac = child("mac", new LaneMacArray(p.lanes()));
      macIn = mac.input();
      macOut = mac.output();
    }
    Requantizer requant = child("requant", new Requantizer(p.requant()));

    // ---- weight fetch: one window word waits here while its weight word is read ----
    Axis words = p.regroup() == null ? window.output() : regrouped(window.output(), p.regroup());
    ignoreLast(words, "window");
    int actBits = p.beatLanes() * Widths.INT8; // mmv pixels, a kernel row, or SIMD across the window
    Bool feedValid = regInit("feed_valid", Type.bool(), 0);
    Bits feedActs = reg("feed_acts", Type.bits(actBits));
    Bool feedClear = reg("feed_clear", Type.bool());
    Bool feedEmit = reg("feed_emit", Type.bool());
    UInt beat = counter("window_beat", p.beatsPerWindow());
    UInt weightAddress = weights != null ? counter("weight_address", p.weightWordsPerPixel()) : null;
    Bool advance = wire("feed_advance", feedValid.not().or(macIn.ready()));
    Axis weightWords = stream;
    words.ready().assign(weightWords == null ? advance : advance.and(weightWords.valid()));
    // A window word enters the stage when it transfers (with a stream, only beside its weight word).
    when(advance, () -> feedValid.assign(weightWords == null ? words.valid() : words.fire()));
    when(words.fire(), () -> {
      feedActs.assign(words.data());
      feedClear.assign(beat.eq(0));
      feedEmit.assign(isLast(beat, p.beatsPerWindow()));
      step(beat, p.beatsPerWindow());
      if (weightAddress != null) {
        step(weightAddress, p.weightWordsPerPixel());
      }
    });
    // The weight word beside the window word: the ROM's read register, or a register for the stream.
    Bits weightWord = null;
    if (weights != null) {
      weights.readEnable().assign(words.fire());
      weights.readAddress().assign(weightAddress.resize(p.weights().addressWidth()));
    } else {
      weightWords.ready().assign(words.fire());
      Bits held = reg("feed_weights", Type.bits(streamed.wordBits()));
      when(words.fire(), () -> held.assign(weightWords.data()));
      weightWord = held;
    }

    if (!dots.isEmpty()) {
      int pixelBits = p.window().lanes() * Widths.INT8;
      for (int m = 0; m < dots.size(); m++) {
        MacArray dot = dots.get(m);
        // PE rows straight from the weight banks: the whole PE x SIMD word never exists as one signal.
        for (int pe = 0; pe < p.dot().pe(); pe++) {
          int bits = p.dot().weightRowBits();
          dot.weightRow(pe).assign(weights != null ? weights.readData().lane(pe, bits) : weightWord.lane(pe, bits));
        }
        dot.input().valid().assign(feedValid);
        dot.input().data().assign(dots.size() == 1 ? feedActs : feedActs.lane(m, pixelBits));
        dot.input().user().assign(feedClear.asBits());
        dot.input().last().assign(feedEmit);
        if (m > 0) { // in lockstep with array 0, whose ready stands for all
          wire("mac_ready_unused_" + m, Type.bool()).assign(dot.input().ready());
        }
      }
    } else {
      macIn.valid().assign(feedValid);
      macIn.data().assign((weights != null ? weights.readData().whole() : weightWord).concat(feedActs));
      macIn.user().assign(feedClear.asBits());
      macIn.last().assign(feedEmit);
    }
    macOut.connectTo(requant.input());
    if (p.padDrop() == null) {
      requant.output().connectTo(output);
    } else {
      LaneAdapter drop = child("pad_drop", new LaneAdapter(p.padDrop()));
      requant.output().connectTo(port(drop, "s_axis", p.padDrop().inputs().get(0).axisShape()));
      port(drop, "m_axis", p.padDrop().outputs().get(0).axisShape()).connectTo(output);
    }
  }

  /** SIMD across the window: the window's words cut into SIMD-lane beats by a lane adapter. */
  private Axis regrouped(Axis windowWords, LaneAdapterConfig regroup) {
    LaneAdapter adapter = child("regroup", new LaneAdapter(regroup));
    windowWords.connectTo(port(adapter, "s_axis", regroup.inputs().get(0).axisShape()));
    return port(adapter, "m_axis", regroup.outputs().get(0).axisShape());
  }

  /**
   * The sums of mmv lockstep MAC arrays as one stream of PE-sum words, pixel 0 first: all mmv
   * words are loaded at once into a shift register, then shifted out one per accepted beat.
   */
  private Axis serialize(List<MacArray> dots) {
    int mmv = dots.size();
    AxisShape shape = dots.get(0).output().shape();
    int width = shape.dataWidth();
    Axis out = axisWire("sums", shape);
    List<Bits> held = new ArrayList<>();
    for (int m = 0; m < mmv; m++) {
      held.add(reg("sums_m" + m, Type.bits(width)));
    }
    Bool busy = regInit("sums_busy", Type.bool(), 0);
    UInt sent = counter("sums_sent", mmv);
    Bool lastSent = wire("sums_last_sent", busy.and(isLast(sent, mmv)).and(out.ready()));
    Bool accept = wire("sums_accept", busy.not().or(lastSent));
    for (MacArray dot : dots) {
      dot.output().ready().assign(accept);
      if (dot != dots.get(0)) {
        wire("mac_valid_unused_" + dots.indexOf(dot), Type.bool()).assign(dot.output().valid());
      }
    }
    out.valid().assign(busy);
    out.data().assign(held.get(0));
    when(busy.and(out.ready()), () -> {
      for (int m = 0; m + 1 < mmv; m++) {
        held.get(m).assign(held.get(m + 1));
      }
      step(sent, mmv);
      when(lastSent, () -> busy.assign(false));
    });
    when(dots.get(0).output().valid().and(accept), () -> {
      for (int m = 0; m < mmv; m++) {
        held.get(m).assign(dots.get(m).output().data());
      }
      busy.assign(true);
    });
    return out;
  }

  public Axis input() {
    return input;
  }

  public Axis output() {
    return output;
  }

  /** The AXI4 read port the weights stream through ({@code m_axi}), or null with the weights on chip. */
  public Axi4Read ddrPort() {
    return ddr;
  }
}
