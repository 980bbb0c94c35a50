package org.shardwire.hdl;

import java.util.ArrayList;
import java.util.List;

/**
 * A valid/ready stream with AXI-Stream signal names ({@code <prefix>_tvalid}, {@code _tready},
 * {@code _tdata}, {@code _tlast}, {@code _tuser}). A beat transfers when valid and ready are both
 * high in the same cycle.
 */
public final class Axis {
  private final AxisShape shape;
  private final Bool valid;
  private final Bool ready;
  private final Bits data;
  private final Bool last;
  private final Bits user;

  Axis(AxisShape shape, Bool valid, Bool ready, Bits data, Bool last, Bits user) {
    this.shape = shape;
    this.valid = valid;
    this.ready = ready;
    this.data = data;
    this.last = last;
    this.user = user;
  }

  public AxisShape shape() {
    return shape;
  }

  public Bool valid() {
    return valid;
  }

  public Bool ready() {
    return ready;
  }

  public Bits data() {
    return data;
  }

  public Bool last() {
    if (last == null) {
      throw new HdlException("this stream has no tlast (shape " + shape + ") at " + SourceLocation.describeHere());
    }
    return last;
  }

  public Bits user() {
    if (user == null) {
      throw new HdlException("this stream has no tuser (shape " + shape + ") at " + SourceLocation.describeHere());
    }
    return user;
  }

  /** High in a cycle where a beat transfers. */
  public Bool fire() {
    return valid.and(ready);
  }

  /** {tuser, tlast, tdata} as one vector, the layout FIFOs store. */
  public Bits packedPayload() {
    List<Signal> parts = new ArrayList<>();
    if (user != null) {
      parts.add(user);
    }
    if (last != null) {
      parts.add(last);
    }
    parts.add(data);
    return Bits.concat(parts);
  }

  /** Drives tdata/tlast/tuser from a vector laid out as {@link #packedPayload()}. */
  public void assignPayload(Bits packed) {
    data.assign(packed.slice(shape.dataWidth() - 1, 0));
    int next = shape.dataWidth();
    if (last != null) {
      last.assign(packed.bit(next));
      next++;
    }
    if (user != null) {
      user.assign(packed.slice(next + shape.userWidth() - 1, next));
    }
  }

  /** Drives {@code sink} from this stream: valid and payload forward, ready backward. */
  public void connectTo(Axis sink) {
    if (!sink.shape.equals(shape)) {
      throw new HdlException("cannot connect a " + shape + " stream to a " + sink.shape + " stream at "
          + SourceLocation.describeHere());
    }
    sink.valid.assign(valid);
    sink.assignPayload(packedPayload());
    ready.assign(sink.ready);
  }
}
