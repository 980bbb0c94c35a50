package org.shardwire.blocks.engines.conv;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
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
import org.shardwire.hdl.Switch;
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
    // With shared requantizers a word's slices take the requantizers one a cycle: the next word may
    // come in with its last slice.
    int share = c.share();
    Bool valid1 = regInit("valid1", Type.bool(), 0);
    UInt slice = counter("slice", share);
    Bool slicing = share == 1 ? valid1 : wire("slicing", valid1.or(slice.ne(0)));
    in.ready().assign(share == 1 ? credit.ne(0) : credit.ne(0).and(slicing.not().or(isLast(slice, share))));
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
    if (share > 1) {
      when(slicing, () -> step(slice, share));
    }

    // Stage 1: the sums wait one cycle for their fold's parameters (both hold until the next word
    // is accepted, with its last slice).
    BankedWord params = parameterRom(c, fold, accept);
    Bool last1 = reg("last1", Type.bool());
    Bits sums1 = reg("sums1", Type.bits(lanes * Widths.INT32));
    valid1.assign(accept);
    when(accept, () -> {
      last1.assign(isLast(word, c.wordsPerFrame()));
      sums1.assign(in.data());
    });

    // Stage 2: acc + bias (int32; the quantizer guarantees no overflow), the entry's M and s - 1,
    // of this cycle's slice. Stages 3-7: the requantizer, clamped to the fused activation's bounds.
    Bool free = bool(true);
    Set<Integer> shifts = c.table().shifts();
    ClampBounds bounds = new ClampBounds(c.table().lo(), c.table().hi());
    int perSlice = c.requantizers();
    List<SInt> results = new ArrayList<>();
    for (int l = 0; l < perSlice; l++) {
      String n = "_l" + l;
      Bits sum = sliceLane("slice_sum" + n, i -> sums1.lane(i, Widths.INT32), Widths.INT32, l, perSlice, share, slice);
      Bits entry = sliceLane("slice_entry" + n, i -> params.lane(i, RequantTable.ENTRY_BITS), RequantTable.ENTRY_BITS,
          l, perSlice, share, slice);
      SInt biased = reg("biased2" + n, Type.sint(Widths.INT32));
      UInt multiplier = reg("multiplier2" + n, Type.uint(RequantTable.MULTIPLIER.width()));
      UInt shiftMinusOne = reg("shift2" + n, Type.uint(RequantTable.SHIFT_MINUS_ONE.width()));
      biased.assign(sum.asSInt().plus(RequantTable.BIAS.of(entry).asSInt()));
      multiplier.assign(RequantTable.MULTIPLIER.of(entry).asUInt());
      shiftMinusOne.assign(RequantTable.SHIFT_MINUS_ONE.of(entry).asUInt());
      results.add(requantize("rq" + n, biased, multiplier.toSigned(), shiftMinusOne, shifts, bounds, free,
          RequantStages.PIPELINED));
    }
    Bool lastSlice1 = share == 1 ? last1 : wire("last_slice1", last1.and(isLast(slice, share)));
    Bool valid7 = delay("valid1_d", slicing, RequantizerConfig.LATENCY - 1, true);
    Bool last7 = delay("last1_d", lastSlice1, RequantizerConfig.LATENCY - 1, false);

    Fifo queue = fifo("out_fifo", c.outputShape(), depth, c.fifoStyle());
    if (share == 1) {
      queue.push().valid().assign(valid7);
      queue.push().data().assign(Bits.packLanes(results));
    } else {
      // Which slice of its word the result leaving the requantizers is: slices leave in order, whole words.
      UInt gathered = counter("gather_slice", share);
      when(valid7, () -> step(gathered, share));
      queue.push().valid().assign(valid7.and(isLast(gathered, share)));
      queue.push().data().assign(gather(results, valid7, gathered, share));
    }
    queue.push().last().assign(last7);
    // Credits guarantee room: the push side's ready is always high when a result arrives.
    queue.push().ready().named("out_fifo_push_ready_unused");
    queue.pop().connectTo(output);
    Bool returned = output.fire();
    when(accept.and(returned.not()), () -> credit.assign(credit.minus(1)))
        .elseWhen(accept.not().and(returned), () -> credit.assign(credit.plus(1)));
  }

  /**
   * Lane {@code l} of this cycle's slice of a word whose lanes ({@code bits} wide) {@code laneOf}
   * gives: lane {@code slice * perSlice + l} (the lane itself without sharing). Lane by lane, so no
   * signal is as wide as a whole word of ROM entries (a PE 64 word is 4,416 bits, over what one
   * signal may be).
   */
  private Bits sliceLane(String name, IntFunction<Bits> laneOf, int bits, int l, int perSlice, int share,
      UInt slice) {
    if (share == 1) {
      return laneOf.apply(l);
    }
    Bits lane = wire(name, Type.bits(bits));
    lane.assign(laneOf.apply(l)); // slice 0; a default, as the counter may have unused values
    Switch select = switchOn(slice);
    for (int j = 1; j < share; j++) {
      Bits from = laneOf.apply(j * perSlice + l);
      select.is(j, () -> lane.assign(from));
    }
    select.end();
    return lane;
  }

  /** The whole word of results: the earlier slices' from registers, the last slice's as it leaves. */
  private Bits gather(List<SInt> results, Bool valid, UInt at, int share) {
    int width = results.size() * Widths.INT8;
    List<Bits> slices = new ArrayList<>();
    for (int j = 0; j + 1 < share; j++) {
      Bits held = reg("gathered" + j, Type.bits(width));
      int slice = j;
      when(valid.and(at.eq(slice)), () -> held.assign(Bits.packLanes(results)));
      slices.add(held);
    }
    slices.add(Bits.packLanes(results));
    return Bits.packLanes(slices);
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
