package org.shardwire.blocks.engines;

import java.util.List;
import org.shardwire.quant.Clamp;
import org.shardwire.quant.Requant;

/** The quantizer's records as the plain numbers engine configs hold. */
public final class QuantAdapter {
  private QuantAdapter() {}

  public static RequantConstants constants(Requant r) {
    return new RequantConstants(r.multiplier(), r.shift());
  }

  public static List<RequantConstants> constants(List<Requant> rs) {
    return rs.stream().map(QuantAdapter::constants).toList();
  }

  public static ClampBounds bounds(Clamp c) {
    return new ClampBounds(c.min(), c.max());
  }
}
