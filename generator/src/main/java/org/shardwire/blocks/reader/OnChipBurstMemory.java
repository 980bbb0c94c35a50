package org.shardwire.blocks.reader;

import org.shardwire.blocks.memory.WeightBuffer;
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * Serves burst reads from a {@link WeightBuffer}: one word per cycle while the consumer is ready
 * (how the weight buffer's tests read it back).
 * The RAM's output register is the only pipeline stage; when the consumer stalls, the read
 * enable drops and the register holds its word, so no skid buffer is needed.
 */
public final class OnChipBurstMemory extends Module {
  private final Axis request;
  private final Axis response;

  public OnChipBurstMemory(BurstShape shape, WeightBufferConfig memory) {
    super("burst_memory_" + memory.moduleName().replace("weight_buffer_", ""));
    if (memory.width() != shape.wordBits() || memory.addressWidth() != shape.addressWidth()) {
      throw new IllegalArgumentException("burst memory: a " + memory.width() + "-bit x " + memory.depth()
          + " RAM does not serve " + shape.wordBits() + "-bit words at " + shape.addressWidth() + "-bit addresses");
    }
    request = axisIn("s_axis_req", shape.requestShape());
    response = axisOut("m_axis_rsp", shape.responseShape());
    WeightBuffer ram = child("ram", new WeightBuffer(memory));

    Bool busy = regInit("busy", Type.bool(), 0);
    UInt address = reg("address", Type.uint(shape.addressWidth()));
    UInt remaining = reg("remaining", Type.uint(shape.lengthWidth()));
    Bool dataValid = regInit("data_valid", Type.bool(), 0);
    Bool dataLast = reg("data_last", Type.bool());

    request.ready().assign(busy.not());
    when(request.fire(), () -> {
      UInt length = request.data().slice(shape.lengthWidth() + shape.addressWidth() - 1, shape.addressWidth()).asUInt();
      address.assign(request.data().slice(shape.addressWidth() - 1, 0).asUInt());
      remaining.assign(length);
      busy.assign(length.ne(0));
    });

    // Advance the read pipeline when its register is empty or its word is being taken.
    Bool advance = wire("advance", dataValid.not().or(response.ready()));
    ram.readEnable().assign(advance);
    ram.readAddress().assign(address);
    when(advance, () -> {
      dataValid.assign(busy);
      dataLast.assign(busy.and(remaining.eq(1)));
      when(busy, () -> {
        address.assign(address.plus(1));
        remaining.assign(remaining.minus(1));
        when(remaining.eq(1), () -> busy.assign(false));
      });
    });
    response.valid().assign(dataValid);
    response.last().assign(dataLast);
    response.data().assign(ram.readData().whole());
  }

  /** {@code s_axis_req}: {length, word address}. */
  public Axis request() {
    return request;
  }

  /** {@code m_axis_rsp}: the words, tlast on the last of each burst. */
  public Axis response() {
    return response;
  }
}
