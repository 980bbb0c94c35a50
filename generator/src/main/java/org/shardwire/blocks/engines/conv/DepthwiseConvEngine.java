package org.shardwire.blocks.engines.conv;

/** The depthwise conv engine of {@link DepthwiseConvEngineConfig}. */
public final class DepthwiseConvEngine extends MacEngine {
  public DepthwiseConvEngine(DepthwiseConvEngineConfig c) {
    super(c.parts());
  }
}
