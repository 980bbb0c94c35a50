package org.shardwire.blocks.engines.conv;

/** The conv engine with its weights streamed from DDR ({@link StreamedConvEngineConfig}). */
public final class StreamedConvEngine extends MacEngine {
  public StreamedConvEngine(StreamedConvEngineConfig c) {
    super(c.conv().parts(), c.stream());
  }
}
