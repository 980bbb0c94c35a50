package org.shardwire.blocks.mac;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.SInt;
import org.shardwire.hdl.Type;

/**
 * The MAC array of {@link MacArrayConfig}: two pipeline stages (products, then adder tree and
 * accumulate) under one stall signal, so it takes a beat every cycle while the consumer keeps up.
 */
public final class MacArray extends Module {
  private final Axis input;
  private final Axis output;
  private final List<Bits> weightRows = new ArrayList<>();

  public MacArray(MacArrayConfig c) {
    super(c.moduleName());
    input = axisIn("s_axis", c.inputShape());
    for (int p = 0; p < c.pe(); p++) {
      weightRows.add(in("weights_pe" + p, Type.bits(c.weightRowBits())));
    }
    output = axisOut("m_axis", c.outputShape());
    Axis in = input;
    Axis out = output;

    // The whole array stalls only while a finished sum waits for the consumer.
    Bool outValid = regInit("out_valid", Type.bool(), 0);
    Bool stall = wire("stall", outValid.and(out.ready().not()));
    in.ready().assign(stall.not());

    // Stage 1: register the PE x SIMD products.
    Bool s1Valid = regInit("s1_valid", Type.bool(), 0);
    Bool s1Clear = reg("s1_clear", Type.bool());
    Bool s1Emit = reg("s1_emit", Type.bool());
    List<List<SInt>> products = new ArrayList<>();
    for (int p = 0; p < c.pe(); p++) {
      List<SInt> row = new ArrayList<>();
      for (int l = 0; l < c.simd(); l++) {
        row.add(reg("s1_product_pe" + p + "_lane" + l, Type.sint(2 * Widths.INT8)));
      }
      products.add(row);
    }
    when(stall.not(), () -> {
      s1Valid.assign(in.valid());
      s1Clear.assign(in.user().bit(0));
      s1Emit.assign(in.last());
      Bits acts = in.data();
      for (int p = 0; p < c.pe(); p++) {
        for (int l = 0; l < c.simd(); l++) {
          SInt a = acts.lane(l, Widths.INT8).asSInt();
          SInt w = weightRows.get(p).lane(l, Widths.INT8).asSInt();
          products.get(p).get(l).assign(a.times(w));
        }
      }
    });

    // Stage 2: adder tree per PE, accumulate (int32, wrapping), latch the sums on emit.
    List<SInt> sums = new ArrayList<>();
    for (int p = 0; p < c.pe(); p++) {
      SInt acc = regInit("acc_pe" + p, Type.sint(Widths.INT32), 0);
      SInt result = reg("out_pe" + p, Type.sint(Widths.INT32));
      SInt base = wire("acc_base_pe" + p, Type.sint(Widths.INT32));
      base.assign(acc);
      when(s1Clear, () -> base.assign(0));
      SInt next = wire("acc_next_pe" + p, base.plus(adderTree(products.get(p))));
      when(s1Valid.and(stall.not()), () -> {
        acc.assign(next);
        when(s1Emit, () -> result.assign(next));
      });
      sums.add(result);
    }
    when(s1Valid.and(s1Emit).and(stall.not()), () -> outValid.assign(true))
        .elseWhen(out.ready(), () -> outValid.assign(false));
    out.valid().assign(outValid);
    out.data().assign(Bits.packLanes(sums));
  }

  /** {@code s_axis}: activations, clear (tuser), emit (tlast). */
  public Axis input() {
    return input;
  }

  /** {@code weights_pe<p>}: PE p's SIMD weights, read with each {@code s_axis} beat. */
  public Bits weightRow(int pe) {
    return weightRows.get(pe);
  }

  /** {@code m_axis}: PE int32 sums. */
  public Axis output() {
    return output;
  }

  /** Sum of the products, widened to int32 first so no partial sum can overflow early. */
  private static SInt adderTree(List<SInt> terms) {
    List<SInt> level = new ArrayList<>();
    for (SInt t : terms) {
      level.add(t.resize(Widths.INT32));
    }
    while (level.size() > 1) {
      List<SInt> next = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(level.get(i).plus(level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }
}
