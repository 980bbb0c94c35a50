package org.shardwire.blocks.engines.conv;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.ClampBounds;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.blocks.engines.RequantStages;
import org.shardwire.blocks.memory.BankLayout;
import org.shardwire.blocks.memory.BankedWord;
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
 * {@code y = clamp(((acc + bias) * M + 2^(s-1)) >> s, lo, hi)}: the parameter ROM, the bias add,
 * then {@link EngineModule#requantize}, the requantizer every engine shares, in its
 * {@link RequantStages#PIPELINED} form.
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

    int depth = RequantizerConfig.FIFO_DEPTH;
    UInt credit = regInit("credit", Type.uint(bitsFor(depth)), depth);
    in.ready().assign(credit.ne(0));
    Bool accept = wire("accept", in.fire());
    UInt fold = counter("fold", c.folds());
    UInt word = counter("frame_word", c.wordsPerFrame());
    UInt repeat = c.wordsPerFold() > 1 ? counter("fold_word", c.wordsPerFold()) : null;
    when(accept, () -> {
      if (repeat == null) {
        step(fold, c.folds());
      } else {
        when(isLast(repeat, c.wordsPerFold()), () -> step(fold, c.folds()));
        step(repeat, c.wordsPerFold());
      }
      step(word, c.wordsPerFrame());
    });

    // Stage 1: the sums wait one cycle for their fold's parameters.
    BankedWord params = parameterRom(c, fold, accept);
    Bool valid1 = regInit("valid1", Type.bool(), 0);
    Bool last1 = reg("last1", Type.bool());
    Bits sums1 = reg("sums1", Type.bits(lanes * Widths.INT32));
    valid1.assign(accept);
    when(accept, () -> {
      last1.assign(isLast(word, c.wordsPerFrame()));
      sums1.assign(in.data());
    });

    // Stage 2: acc + bias (int32; the quantizer guarantees no overflow), the entry's M and s - 1.
    // Stages 3-7: the requantizer, clamped to the fused activation's bounds.
    Bool free = bool(true);
    Set<Integer> shifts = c.table().shifts();
    ClampBounds bounds = new ClampBounds(c.table().lo(), c.table().hi());
    List<SInt> results = new ArrayList<>();
    for (int l = 0; l < lanes; l++) {
      String n = "_l" + l;
      Bits entry = params.lane(l, RequantTable.ENTRY_BITS);
      SInt biased = reg("biased2" + n, Type.sint(Widths.INT32));
      UInt multiplier = reg("multiplier2" + n, Type.uint(RequantTable.MULTIPLIER.width()));
      UInt shiftMinusOne = reg("shift2" + n, Type.uint(RequantTable.SHIFT_MINUS_ONE.width()));
      biased.assign(sums1.lane(l, Widths.INT32).asSInt().plus(RequantTable.BIAS.of(entry).asSInt()));
      multiplier.assign(RequantTable.MULTIPLIER.of(entry).asUInt());
      shiftMinusOne.assign(RequantTable.SHIFT_MINUS_ONE.of(entry).asUInt());
      results.add(requantize("rq" + n, biased, multiplier.toSigned(), shiftMinusOne, shifts, bounds, free,
          RequantStages.PIPELINED));
    }
    Bool valid7 = delay("valid1_d", valid1, RequantizerConfig.LATENCY - 1, true);
    Bool last7 = delay("last1_d", last1, RequantizerConfig.LATENCY - 1, false);

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

  /** The ROM word of fold {@code fold}, read when {@code enable}: one memory per bank of whole entries. */
  private BankedWord parameterRom(RequantizerConfig c, UInt fold, Bool enable) {
    BankLayout layout = c.romBanks();
    List<BigInteger> words = c.romWords();
    List<Bits> banks = new ArrayList<>();
    for (int b = 0; b < layout.banks(); b++) {
      String suffix = layout.banks() == 1 ? "" : "_b" + b;
      Memory rom = mem("params" + suffix, layout.bankWidth(b), c.romDepth()).romStyle(c.romStyle())
          .init(layout.parts(words, b));
      Bits data = wire("params_data" + suffix, Type.bits(layout.bankWidth(b)));
      UInt address = wire("params_address" + suffix, fold.resize(rom.addressWidth()));
      withoutReset(() -> data.assign(rom.readSync(address, enable)));
      banks.add(data);
    }
    return new BankedWord(layout, banks);
  }

  public Axis input() {
    return input;
  }

  public Axis output() {
    return output;
  }
}
