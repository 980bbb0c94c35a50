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

    // Stage 1: register the products: PE x SIMD int8 products, or, packed, one WP487 product per
    // PE pair and lane (the DSP's M register).
    Bool s1Valid = regInit("s1_valid", Type.bool(), 0);
    Bool s1Clear = reg("s1_clear", Type.bool());
    Bool s1Emit = reg("s1_emit", Type.bool());
    int groups = c.packed() ? c.pe() / 2 : c.pe();
    int productBits = c.packed() ? PackedMac.PRODUCT_BITS : 2 * Widths.INT8;
    String group = c.packed() ? "s1_pair" : "s1_product_pe";
    List<List<SInt>> products = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      List<SInt> row = new ArrayList<>();
      for (int l = 0; l < c.simd(); l++) {
        row.add(reg(group + g + "_lane" + l, Type.sint(productBits)));
      }
      products.add(row);
    }
    when(stall.not(), () -> {
      s1Valid.assign(in.valid());
      s1Clear.assign(in.user().bit(0));
      s1Emit.assign(in.last());
      Bits acts = in.data();
      for (int g = 0; g < groups; g++) {
        for (int l = 0; l < c.simd(); l++) {
          SInt a = acts.lane(l, Widths.INT8).asSInt();
          products.get(g).get(l).assign(a.times(c.packed() ? packedOperand(g, l) : weight(g, l)));
        }
      }
    });

    // Stage 2: adder tree per PE (packed: chunk sums split into the pair's two dot products
    // first), accumulate (int32, wrapping), latch the sums on emit.
    List<List<SInt>> terms = c.packed() ? splitPairs(products) : products;
    List<SInt> sums = new ArrayList<>();
    for (int p = 0; p < c.pe(); p++) {
      SInt acc = regInit("acc_pe" + p, Type.sint(Widths.INT32), 0);
      SInt result = reg("out_pe" + p, Type.sint(Widths.INT32));
      SInt base = wire("acc_base_pe" + p, Type.sint(Widths.INT32));
      base.assign(acc);
      when(s1Clear, () -> base.assign(0));
      SInt next = wire("acc_next_pe" + p, base.plus(adderTree(terms.get(p))));
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

  private SInt weight(int pe, int lane) {
    return weightRows.get(pe).lane(lane, Widths.INT8).asSInt();
  }

  /** The pre-adder operand of pair g, lane l: w[2g+1] * 2^18 + w[2g] ({@link PackedMac#operand}). */
  private SInt packedOperand(int g, int lane) {
    SInt hi = weight(2 * g + 1, lane).shiftLeft(PackedMac.SHIFT).resize(PackedMac.OPERAND_BITS);
    return hi.plus(weight(2 * g, lane).resize(PackedMac.OPERAND_BITS));
  }

  /**
   * Per PE the terms of its dot product from the packed products of its pair: each chunk of at
   * most {@link PackedMac#LANES_PER_CHUNK} lanes summed in the packed form, then split into its low
   * field (PE 2k) and its upper field plus the borrow bit (PE 2k+1), {@link PackedMac#low}/{@link
   * PackedMac#high}.
   */
  private List<List<SInt>> splitPairs(List<List<SInt>> pairs) {
    int chunkBits = PackedMac.PRODUCT_BITS + 3; // a sum of at most 7 products
    int highBits = chunkBits - PackedMac.SHIFT;
    List<List<SInt>> perPe = new ArrayList<>();
    for (int g = 0; g < pairs.size(); g++) {
      List<SInt> low = new ArrayList<>();
      List<SInt> high = new ArrayList<>();
      List<SInt> lanes = pairs.get(g);
      for (int from = 0, k = 0; from < lanes.size(); from += PackedMac.LANES_PER_CHUNK, k++) {
        List<SInt> chunk = new ArrayList<>();
        for (SInt t : lanes.subList(from, Math.min(lanes.size(), from + PackedMac.LANES_PER_CHUNK))) {
          chunk.add(t.resize(chunkBits));
        }
        SInt sum = wire("pair" + g + "_chunk" + k, sum(chunk));
        low.add(sum.slice(PackedMac.SHIFT - 1, 0));
        SInt borrow = sum.bit(PackedMac.SHIFT - 1).asBits().resize(highBits).asSInt();
        high.add(wire("pair" + g + "_chunk" + k + "_high", sum.slice(chunkBits - 1, PackedMac.SHIFT).plus(borrow)));
      }
      perPe.add(low);
      perPe.add(high);
    }
    return perPe;
  }

  /** Sum of the products, widened to int32 first so no partial sum can overflow early. */
  private static SInt adderTree(List<SInt> terms) {
    List<SInt> level = new ArrayList<>();
    for (SInt t : terms) {
      level.add(t.resize(Widths.INT32));
    }
    return sum(level);
  }

  /** A balanced adder tree over same-width terms. */
  private static SInt sum(List<SInt> terms) {
    List<SInt> level = terms;
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
