package org.shardwire.plan;

import java.util.List;

/**
 * One stage of a plan's structure (docs/channel-groups.md): a run of consecutive boards that
 * together hold the network's layers from {@code firstLayer} up to the next stage's first layer.
 * One board: a pipeline stage. Several: they split every one of those layers by channel groups.
 * Stages run as a pipeline, in order.
 */
public record Stage(List<Integer> boards, String firstLayer) {
  public Stage {
    boards = List.copyOf(boards);
    if (boards.isEmpty()) {
      throw new IllegalArgumentException("a stage needs at least one board");
    }
    for (int i = 1; i < boards.size(); i++) {
      if (boards.get(i) != boards.get(i - 1) + 1) {
        throw new IllegalArgumentException("a stage's boards must be consecutive, got " + boards);
      }
    }
    if (firstLayer == null || firstLayer.isBlank()) {
      throw new IllegalArgumentException("a stage needs its first layer");
    }
  }

  /** Boards in the stage. */
  public int size() {
    return boards.size();
  }
}
