package org.shardwire.blocks.memory;

import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * A read-only on-chip weight memory ({@link WeightBufferConfig}): {@code rd_data} holds the word at
 * {@code rd_addr} one cycle after {@code rd_en}, and keeps it while {@code rd_en} is low (the
 * RAM's output register doubles as a pipeline register that can stall).
 */
public final class WeightBuffer extends Module {
  private final Bool readEnable;
  private final UInt readAddress;
  private final Bits readData;

  public WeightBuffer(WeightBufferConfig c) {
    super(c.moduleName());
    readEnable = in("rd_en", Type.bool());
    readAddress = in("rd_addr", Type.uint(c.addressWidth()));
    readData = out("rd_data", Type.bits(c.width()));
    Memory weights = mem("weights", c.width(), c.depth()).romStyle(c.style()).init(c.words());
    // A ROM's read register needs no reset; without one the module has no unused rst port.
    withoutReset(() -> readData.assign(weights.readSync(readAddress, readEnable)));
  }

  public Bool readEnable() {
    return readEnable;
  }

  public UInt readAddress() {
    return readAddress;
  }

  public Bits readData() {
    return readData;
  }
}
