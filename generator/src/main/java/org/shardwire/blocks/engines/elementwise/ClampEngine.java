package org.shardwire.blocks.engines.elementwise;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.SInt;

/** The hardware of {@link ClampEngineConfig}: a clamp per lane in front of the output register slice. */
public final class ClampEngine extends EngineModule {

  public ClampEngine(ClampEngineConfig c) {
    super(c.moduleName());
    TensorStream stream = c.inputs().get(0);
    Axis in = axisIn("s_axis", stream.axisShape());
    Axis out = registeredOutput("m_axis", stream.axisShape());

    List<SInt> lanes = new ArrayList<>();
    List<SInt> x = int8Lanes(in.data(), c.lanes());
    for (int l = 0; l < c.lanes(); l++) {
      lanes.add(clampInt8("y_lane" + l, x.get(l), c.bounds()));
    }
    out.valid().assign(in.valid());
    out.data().assign(Bits.packLanes(lanes));
    out.last().assign(in.last());
    in.ready().assign(out.ready());
  }
}
