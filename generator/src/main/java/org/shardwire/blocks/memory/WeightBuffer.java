package org.shardwire.blocks.memory;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * A read-only on-chip weight memory ({@link WeightBufferConfig}): {@code rd_data} holds the word at
 * {@code rd_addr} one cycle after {@code rd_en}, and keeps it while {@code rd_en} is low (the
 * RAM's output register doubles as a pipeline register that can stall). A banked word has one
 * memory and one {@code rd_data_b<i>} port per bank, all read at the same address.
 */
public final class WeightBuffer extends Module {
  private final Bool readEnable;
  private final UInt readAddress;
  private final BankedWord readData;

  public WeightBuffer(WeightBufferConfig c) {
    super(c.moduleName());
    readEnable = in("rd_en", Type.bool());
    readAddress = in("rd_addr", Type.uint(c.addressWidth()));
    BankLayout layout = c.banks();
    List<Bits> banks = new ArrayList<>();
    for (int b = 0; b < layout.banks(); b++) {
      String suffix = layout.banks() == 1 ? "" : "_b" + b;
      Bits data = out("rd_data" + suffix, Type.bits(layout.bankWidth(b)));
      Memory bank = mem("weights" + suffix, layout.bankWidth(b), c.depth()).romStyle(c.style())
          .init(layout.parts(c.words(), b));
      // A ROM's read register needs no reset; without one the module has no unused rst port.
      withoutReset(() -> data.assign(bank.readSync(readAddress, readEnable)));
      banks.add(data);
    }
    readData = new BankedWord(layout, banks);
  }

  public Bool readEnable() {
    return readEnable;
  }

  public UInt readAddress() {
    return readAddress;
  }

  public BankedWord readData() {
    return readData;
  }
}
