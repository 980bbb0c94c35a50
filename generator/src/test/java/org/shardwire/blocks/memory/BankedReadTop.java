package org.shardwire.blocks.memory;

import org.shardwire.hdl.Axis;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * Test top for a banked {@link WeightBuffer}: each address taken on {@code s_axis} is read once
 * and its word leaves on {@code m_axis} bank by bank (bank 0 first, zero-extended to the widest
 * bank, tlast on the last), so a word of any width is checked through a port that fits a signal.
 */
final class BankedReadTop extends Module {
  BankedReadTop(WeightBufferConfig c) {
    super("banked_read_" + c.moduleName());
    BankLayout layout = c.banks();
    int widest = layout.bankWidths().stream().mapToInt(Integer::intValue).max().orElseThrow();
    Axis in = axisIn("s_axis", AxisShape.data(c.addressWidth()));
    Axis out = axisOut("m_axis", AxisShape.data(widest).withLast());
    WeightBuffer ram = child("ram", new WeightBuffer(c));

    // One word in flight: read on accept, then send its banks one per beat.
    Bool busy = regInit("busy", Type.bool(), 0);
    int bankBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(layout.banks() - 1));
    UInt bank = regInit("bank", Type.uint(bankBits), 0);
    in.ready().assign(busy.not());
    ram.readEnable().assign(in.fire());
    ram.readAddress().assign(in.data().asUInt());
    Bool lastBank = wire("last_bank", bank.eq(layout.banks() - 1));
    out.valid().assign(busy);
    out.last().assign(lastBank);
    Bits data = wire("bank_data", Type.bits(widest));
    data.assign(ram.readData().banks().get(0).resize(widest));
    for (int b = 1; b < layout.banks(); b++) {
      Bits part = ram.readData().banks().get(b).resize(widest);
      when(bank.eq(b), () -> data.assign(part));
    }
    out.data().assign(data);
    when(in.fire(), () -> busy.assign(true));
    when(out.fire(), () -> {
      bank.assign(bank.plus(1));
      when(lastBank, () -> {
        bank.assign(0);
        busy.assign(false);
      });
    });
  }
}
