package org.shardwire.plan;

import java.util.Locale;

/** How a network is spread over boards (docs/planner.md). */
public enum Strategy {
  /** Contiguous layer ranges per board (M-KUBOS). */
  PIPELINE("pipeline"),
  /** Every board holds 1/N of each layer's groups (the ShuffleNet paper; docs/channel-groups.md). */
  CHANNEL_GROUP("channel-group"),
  /** Pipeline stages, each one board or a group of boards splitting its layers by channel groups (e.g. 2 x 2). */
  MIXED("mixed"),
  /** Not a plan's strategy but a request: the planner picks pipeline, channel groups or mixed by estimate. */
  AUTO("auto");

  private final String label;

  Strategy(String label) {
    this.label = label;
  }

  /** The name on the command line and in plan.json. */
  public String label() {
    return label;
  }

  public static Strategy parse(String text) {
    for (Strategy s : values()) {
      if (s.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("strategy must be auto, pipeline, channel-group or mixed, got '" + text
        + "'");
  }
}
