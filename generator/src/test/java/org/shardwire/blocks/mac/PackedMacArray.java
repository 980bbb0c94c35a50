package org.shardwire.blocks.mac;

import org.shardwire.hdl.Axis;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.Module;

/**
 * Test top: a {@link MacArray} whose beat carries its weights in one stream word, {@code tdata =
 * {weights[pe-1][simd-1] .. weights[0][0], acts}} ({@link MacBeat#toVector}), so one vector file
 * drives both. Only for arrays whose weight word fits one signal; the engines wire the rows from
 * their weight banks instead.
 */
public final class PackedMacArray extends Module {
  private final MacArrayConfig config;

  public PackedMacArray(MacArrayConfig c) {
    super(moduleName(c));
    config = c;
    Axis in = axisIn("s_axis", inputShape(c));
    Axis out = axisOut("m_axis", c.outputShape());
    MacArray mac = child("mac", new MacArray(c));
    Axis macIn = mac.input();
    macIn.valid().assign(in.valid());
    in.ready().assign(macIn.ready());
    macIn.data().assign(in.data().slice(c.activationBits() - 1, 0));
    macIn.last().assign(in.last());
    macIn.user().assign(in.user());
    for (int p = 0; p < c.pe(); p++) {
      int lo = c.activationBits() + p * c.weightRowBits();
      mac.weightRow(p).assign(in.data().slice(lo + c.weightRowBits() - 1, lo));
    }
    mac.output().connectTo(out);
  }

  public static String moduleName(MacArrayConfig c) {
    return "packed_" + c.moduleName();
  }

  public static AxisShape inputShape(MacArrayConfig c) {
    return AxisShape.data(c.activationBits() + c.weightBits()).withLast().withUser(1);
  }

  @Override
  public String toString() {
    return "PackedMacArray[" + config + "]";
  }
}
