package org.shardwire.blocks.reader;

import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Module;

/** A {@link VectorReader} joined to its memory: commands in, vectors out. */
public final class VectorReaderSystem extends Module {

  public VectorReaderSystem(VectorReaderConfig reader, WeightBufferConfig memory) {
    super(reader.moduleName().replace("vector_reader_", "vector_reader_onchip_"));
    Axis command = axisIn("s_axis_cmd", reader.commandShape());
    Axis out = axisOut("m_axis", reader.outputShape());
    VectorReader r = child("reader", new VectorReader(reader));
    BurstReadMemory m = child("memory", new OnChipBurstMemory(reader.burstShape(), memory));
    command.connectTo(r.command());
    r.memoryRequest().connectTo(m.request());
    m.response().connectTo(r.memoryResponse());
    r.output().connectTo(out);
  }
}
