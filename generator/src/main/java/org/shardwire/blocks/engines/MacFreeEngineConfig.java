package org.shardwire.blocks.engines;

import java.util.List;

/**
 * An engine with no int8 MAC array and no sliding window (routing, element-wise, global pooling):
 * by default it has no requantizer and no memory either, and its logic is {@link LogicEstimate}'s
 * for what it has. An engine that does build requantizers or memories (FIFOs, a group buffer)
 * overrides those figures; the plan-equals-RTL test counts every memory the RTL builds, so one
 * that is forgotten here does not go unnoticed.
 */
public interface MacFreeEngineConfig extends EngineConfig {
  @Override
  default int macMultipliers() {
    return 0;
  }

  @Override
  default List<RequantProduct> requantProducts() {
    return List.of();
  }

  @Override
  default List<MemorySpec> memories() {
    return List.of();
  }

  @Override
  default long luts() {
    return LogicEstimate.luts(0, 0, requantizers());
  }
}
