package org.shardwire.blocks.reader;

import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Module;

/**
 * A memory that serves {@link BurstShape} requests. {@link OnChipBurstMemory} serves them from
 * on-chip RAM; a DDR-backed AXI4 burst-read master will serve the same two streams, so the
 * reader does not change when weights move off chip.
 */
public abstract class BurstReadMemory extends Module {
  protected BurstReadMemory(String moduleName) {
    super(moduleName);
  }

  /** {@code s_axis_req}: {length, word address}. */
  public abstract Axis request();

  /** {@code m_axis_rsp}: the words, tlast on the last of each burst. */
  public abstract Axis response();
}
