package org.shardwire.blocks.engines.conv;

/** The conv / fully connected engine of {@link ConvEngineConfig}. */
public final class ConvEngine extends MacEngine {
  public ConvEngine(ConvEngineConfig c) {
    super(c.parts());
  }
}
