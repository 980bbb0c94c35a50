package org.shardwire.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Fixed JSON formatting for the report files: escaped strings, numbers with a fixed number of decimals. */
public final class JsonText {
  private JsonText() {}

  public static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** A finite number with exactly {@code decimals} digits after the point (half-even), no exponent. */
  public static String fixed(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("JSON has no number for " + v);
    }
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
  }
}
