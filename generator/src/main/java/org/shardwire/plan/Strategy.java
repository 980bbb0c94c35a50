package org.shardwire.plan;

import java.util.Locale;

/** How a network is spread over boards (docs/planner.md). */
public enum Strategy {
  /** Contiguous layer ranges per board (M-KUBOS). */
  PIPELINE("pipeline"),
  /** Every board holds 1/N of each layer's groups (the ShuffleNet paper): planned; not generated yet. */
  CHANNEL_GROUP("channel-group");

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
    throw new IllegalArgumentException("strategy must be pipeline or channel-group, got '" + text + "'");
  }
}
