package org.shardwire.blocks.reader;

import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Switch;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * The aggregate reader of {@link VectorReaderConfig}. Per command it issues one burst for the
 * words that hold the requested elements, then turns each response word into one output vector
 * (for an unaligned start, the first word only primes the realignment register).
 */
public final class VectorReader extends Module {
  private final Axis command;
  private final Axis output;
  private final Axis memoryRequest;
  private final Axis memoryResponse;

  public VectorReader(VectorReaderConfig c) {
    super(c.moduleName());
    BurstShape burst = c.burstShape();
    command = axisIn("s_axis_cmd", c.commandShape());
    output = axisOut("m_axis", c.outputShape());
    Axis out = output;
    memoryRequest = axisOut("m_axis_req", burst.requestShape());
    memoryResponse = axisIn("s_axis_rsp", burst.responseShape());

    Bool busy = regInit("busy", Type.bool(), 0);
    Bool requestPending = regInit("request_pending", Type.bool(), 0);
    Bool havePrevious = regInit("have_previous", Type.bool(), 0);
    UInt offset = reg("offset", Type.uint(c.offsetBits()));
    UInt burstAddress = reg("burst_address", Type.uint(c.wordAddressWidth()));
    UInt burstLength = reg("burst_length", Type.uint(burst.lengthWidth()));
    // Only elements 1.. of the previous word can appear in a realigned vector.
    Bits previous = reg("previous", Type.bits(c.wordBits() - c.elementBits()));

    // Accept a command when idle; a zero-length command is accepted and produces nothing.
    command.ready().assign(busy.not());
    when(command.fire(), () -> {
      UInt base = command.data().slice(c.elementAddressWidth() - 1, 0).asUInt();
      UInt count = command.data().slice(c.countWidth() + c.elementAddressWidth() - 1, c.elementAddressWidth()).asUInt();
      UInt start = base.slice(c.offsetBits() - 1, 0);
      Bool unaligned = start.ne(0);
      busy.assign(count.ne(0));
      requestPending.assign(count.ne(0));
      havePrevious.assign(false);
      offset.assign(start);
      burstAddress.assign(base.slice(c.elementAddressWidth() - 1, c.offsetBits()));
      burstLength.assign(count.resize(burst.lengthWidth()).plus(unaligned.asUInt(burst.lengthWidth())));
    });

    memoryRequest.valid().assign(requestPending);
    memoryRequest.data().assign(burstLength.asBits().concat(burstAddress.asBits()));
    when(memoryRequest.fire(), () -> requestPending.assign(false));

    // An unaligned command's first word fills the realignment register and yields no vector.
    Bool priming = wire("priming", offset.ne(0).and(havePrevious.not()));
    memoryResponse.ready().assign(busy.and(priming.or(out.ready())));
    out.valid().assign(busy.and(memoryResponse.valid()).and(priming.not()));
    // The burst's last word makes the command's last vector.
    out.last().assign(memoryResponse.last());

    // Realign: elements offset .. offset+width-1 of {current word, previous word}. The window
    // keeps only the elements some offset can select: previous[1..] and current[..width-2].
    Bits current = memoryResponse.data();
    int e = c.elementBits();
    Bits window = wire("window", current.slice(c.wordBits() - e - 1, 0).concat(previous));
    Bits vector = wire("vector", Type.bits(c.wordBits()));
    Switch shift = switchOn(offset).is(0, () -> vector.assign(current));
    for (int k = 1; k < c.vectorWidth(); k++) {
      int lo = (k - 1) * e;
      shift.is(k, () -> vector.assign(window.slice(lo + c.wordBits() - 1, lo)));
    }
    shift.end();
    out.data().assign(vector);

    when(memoryResponse.fire(), () -> {
      previous.assign(current.slice(c.wordBits() - 1, e));
      havePrevious.assign(true);
    });
    when(out.fire().and(memoryResponse.last()), () -> busy.assign(false));
  }

  public Axis command() {
    return command;
  }

  public Axis output() {
    return output;
  }

  public Axis memoryRequest() {
    return memoryRequest;
  }

  public Axis memoryResponse() {
    return memoryResponse;
  }
}
