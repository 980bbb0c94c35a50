package org.shardwire.blocks.engines.conv;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Fifo;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.SInt;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * Requantizes and clamps {@code lanes} int32 sums per word (docs/numerics.md):
 * {@code y = clamp(((acc + bias) * M + 2^(s-1)) >> s, lo, hi)}. The rounding shift is done as
 * {@code ((p >> (s-1)) + 1) >> 1}, which equals {@code (p + 2^(s-1)) >> s} for every integer p
 * (floor of a floor), so no per-channel rounding constant is needed.
 *
 * <p>The pipeline never stalls: a credit counter accepts a sum only when the output FIFO will have
 * room for its result, so the consumer's tready reaches no datapath register.
 */
public final class Requantizer extends EngineModule {
  private final Axis input;
  private final Axis output;

  public Requantizer(RequantizerConfig c) {
    super(c.moduleName());
    input = axisIn("s_axis", c.inputShape());
    output = axisOut("m_axis", c.outputShape());
    Axis in = input;
    int lanes = c.lanes();
    int entry = RequantTable.ENTRY_BITS;

    int depth = RequantizerConfig.FIFO_DEPTH;
    UInt credit = regInit("credit", Type.uint(bitsFor(depth)), depth);
    in.ready().assign(credit.ne(0));
    Bool accept = wire("accept", in.fire());
    UInt fold = counter("fold", c.folds());
    UInt word = counter("frame_word", c.wordsPerFrame());
    when(accept, () -> {
      step(fold, c.folds());
      step(word, c.wordsPerFrame());
    });

    // Stage 1: the sums wait one cycle for their fold's parameters.
    Memory rom = mem("params", c.romWidth(), c.romDepth()).style(c.romStyle()).init(c.romWords());
    Bits params = wire("params_data", Type.bits(c.romWidth()));
    UInt romAddress = wire("params_address", fold.resize(rom.addressWidth()));
    withoutReset(() -> params.assign(rom.readSync(romAddress, accept)));
    Bool valid1 = regInit("valid1", Type.bool(), 0);
    Bool last1 = reg("last1", Type.bool());
    Bits sums1 = reg("sums1", Type.bits(lanes * Widths.INT32));
    valid1.assign(accept);
    when(accept, () -> {
      last1.assign(isLast(word, c.wordsPerFrame()));
      sums1.assign(in.data());
    });

    Bool valid2 = regInit("valid2", Type.bool(), 0);
    Bool valid3 = regInit("valid3", Type.bool(), 0);
    Bool valid4 = regInit("valid4", Type.bool(), 0);
    Bool valid5 = regInit("valid5", Type.bool(), 0);
    Bool valid6 = regInit("valid6", Type.bool(), 0);
    Bool valid7 = regInit("valid7", Type.bool(), 0);
    valid2.assign(valid1);
    valid3.assign(valid2);
    valid4.assign(valid3);
    valid5.assign(valid4);
    valid6.assign(valid5);
    valid7.assign(valid6);
    Bool last2 = reg("last2", Type.bool());
    Bool last3 = reg("last3", Type.bool());
    Bool last4 = reg("last4", Type.bool());
    Bool last5 = reg("last5", Type.bool());
    Bool last6 = reg("last6", Type.bool());
    Bool last7 = reg("last7", Type.bool());
    last2.assign(last1);
    last3.assign(last2);
    last4.assign(last3);
    last5.assign(last4);
    last6.assign(last5);
    last7.assign(last6);

    List<Bits> results = new ArrayList<>();
    for (int l = 0; l < lanes; l++) {
      int base = l * entry;
      String n = "_l" + l;
      // Stage 2: acc + bias (int32; the quantizer guarantees no overflow).
      SInt v2 = reg("biased2" + n, Type.sint(32));
      UInt m2 = reg("multiplier2" + n, Type.uint(31));
      UInt s2 = reg("shift2" + n, Type.uint(6));
      v2.assign(sums1.lane(l, Widths.INT32).asSInt().plus(params.slice(base + entry - 1, base + 37).asSInt()));
      m2.assign(params.slice(base + 36, base + 6).asUInt());
      s2.assign(params.slice(base + 5, base).asUInt());
      // Stages 3, 4: the 32 x 31-bit product, registered twice so DSP cascades can pipeline it.
      SInt p3 = reg("product3" + n, Type.sint(64));
      UInt s3 = reg("shift3" + n, Type.uint(6));
      p3.assign(v2.times(m2.toSigned()));
      s3.assign(s2);
      SInt p4 = reg("product4" + n, Type.sint(64));
      UInt s4 = reg("shift4" + n, Type.uint(6));
      p4.assign(p3);
      s4.assign(s3);
      // Stages 5, 6: arithmetic shift right by s - 1 (0..61), three mux levels per stage.
      SInt q5 = reg("shifted5" + n, Type.sint(64));
      UInt s5 = reg("shift5" + n, Type.uint(3));
      q5.assign(shiftLevels("low" + n, p4, s4, 0));
      s5.assign(s4.slice(5, 3));
      SInt q6 = reg("shifted6" + n, Type.sint(64));
      q6.assign(shiftLevels("high" + n, q5, s5, 3));
      // Stage 7: the last halving with +1 rounds half up: (q + 1) >> 1 = (q >> 1) + q[0]. Then the
      // fused activation's clamp.
      SInt rounded = wire("rounded" + n, q6.slice(63, 1).plus(q6.bit(0).asUInt(63).asSInt()));
      Bits y7 = reg("result7" + n, Type.bits(Widths.INT8));
      y7.assign(rounded.resize(Widths.INT8).asBits());
      when(rounded.lt(sconst(c.table().lo(), 63)), () -> y7.assign(sconst(c.table().lo(), 8).asBits()));
      when(rounded.gt(sconst(c.table().hi(), 63)), () -> y7.assign(sconst(c.table().hi(), 8).asBits()));
      results.add(y7);
    }

    Fifo queue = fifo("out_fifo", c.outputShape(), depth, c.fifoStyle());
    queue.push().valid().assign(valid7);
    queue.push().data().assign(Bits.packLanes(results));
    queue.push().last().assign(last7);
    // Credits guarantee room: the push side's ready is always high when a result arrives.
    queue.push().ready().named("out_fifo_push_ready_unused");
    queue.pop().connectTo(output);
    Bool returned = output.fire();
    when(accept.and(returned.not()), () -> credit.assign(credit.minus(1)))
        .elseWhen(accept.not().and(returned), () -> credit.assign(credit.plus(1)));
  }

  /** {@code x >> (amount << firstLevel)} by mux levels 2^firstLevel, 2^(firstLevel+1), 2^(firstLevel+2). */
  private SInt shiftLevels(String name, SInt x, UInt amount, int firstLevel) {
    SInt v = x;
    for (int i = 0; i < 3; i++) {
      int by = 1 << (firstLevel + i);
      // A part-select, not >>>: Verilator -Wall flags the width of a shift assigned narrower.
      SInt shifted = v.slice(63, by).resize(64);
      v = mux(name + "_by" + by, amount.bit(i), shifted, v);
    }
    return v;
  }

  public Axis input() {
    return input;
  }

  public Axis output() {
    return output;
  }
}
