package org.shardwire.plan;

import java.util.Map;
import java.util.TreeMap;

/**
 * Labels for the RAMB36-freed-per-UltraRAM ratios an allocator has seen: small ints in the ratios'
 * order ({@link Double#compare}), so the allocator sorts a board's memories by ratio with one sort
 * of packed longs (label, then memory index) instead of ranking the ratios on every placement (the
 * folder's memory repair places a board's memories for every change it weighs: jstack and JFR put
 * most of a ResNet-50 plan there). A new ratio takes the middle of the gap between its neighbours;
 * when there is none, all labels are spread out again (order maintenance; rare, as the labels
 * start 2^31 apart). Labels change only when a ratio is added, never during a placement.
 */
final class RatioOrder {
  /** The label of one ratio: compare {@link #value}s as the ratios compare. */
  static final class Label {
    private int value;

    int value() {
      return value;
    }
  }

  /** Labels lie strictly between 0 and this. */
  static final int LIMIT = Integer.MAX_VALUE;

  private final TreeMap<Double, Label> labels = new TreeMap<>();
  private int spreads;

  /** How many times the labels were spread again: a label read before is current while this stays. */
  int spreads() {
    return spreads;
  }

  /** The label of {@code ratio}, made when it is new. */
  Label of(double ratio) {
    Label known = labels.get(ratio);
    if (known != null) {
      return known;
    }
    Map.Entry<Double, Label> below = labels.lowerEntry(ratio);
    Map.Entry<Double, Label> above = labels.higherEntry(ratio);
    long lo = below == null ? 0 : below.getValue().value;
    long hi = above == null ? LIMIT : above.getValue().value;
    Label label = new Label();
    labels.put(ratio, label);
    if (hi - lo >= 2) {
      label.value = (int) (lo + (hi - lo) / 2);
    } else {
      spread();
    }
    return label;
  }

  /** Gives every label an evenly spaced value, in ratio order. */
  private void spread() {
    long step = LIMIT / (labels.size() + 1L);
    if (step < 1) {
      throw new IllegalStateException("more than 2^31 distinct memory ratios");
    }
    spreads++;
    long at = 0;
    for (Label l : labels.values()) {
      at += step;
      l.value = (int) at;
    }
  }
}
