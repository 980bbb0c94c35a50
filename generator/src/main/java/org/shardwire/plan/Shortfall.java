package org.shardwire.plan;

import java.util.Locale;

/** A resource a board lacks: how much a share of the network needs and how much the board has. */
public record Shortfall(String resource, double needed, double available) {
  /** needed / available: above 1 means it does not fit. */
  public double ratio() {
    return available <= 0 ? Double.POSITIVE_INFINITY : needed / available;
  }

  /** "needs 1034 RAMB36 ..., has 912 (short by 122)" without the layers part. */
  public String describe(String layers) {
    return "needs " + num(needed) + " " + resource + " for layers " + layers + ", has " + num(available)
        + " (short by " + num(needed - available) + ")";
  }

  static String num(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
