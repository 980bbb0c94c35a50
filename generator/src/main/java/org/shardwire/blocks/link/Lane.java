package org.shardwire.blocks.link;

import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Signal;
import org.shardwire.hdl.Type;

/**
 * The fabric side of one serial lane direction: per cycle a 64-bit word, a control flag standing
 * for the 64b/66b sync header (1 = control block, 0 = data block) and a valid flag (0 = no block
 * this cycle). A lane never back-pressures; flow control is the endpoints' job.
 * Ports are named {@code <prefix>_valid}, {@code <prefix>_ctrl}, {@code <prefix>_data}.
 */
public final class Lane {
  private final Bool valid;
  private final Bool control;
  private final Bits data;

  /** A module's port declaration ({@code this::in} or {@code this::out} inside the module). */
  @FunctionalInterface
  public interface PortDeclaration {
    <S extends Signal> S declare(String name, Type<S> type);
  }

  /** Declares the lane's three ports {@code <prefix>_valid/_ctrl/_data} as inputs or outputs of a module. */
  public static Lane declare(PortDeclaration port, String prefix) {
    return new Lane(port.declare(prefix + "_valid", Type.bool()), port.declare(prefix + "_ctrl", Type.bool()),
        port.declare(prefix + "_data", Type.bits(LinkFrame.WORD_BITS)));
  }

  /** Wraps existing signals. */
  public Lane(Bool valid, Bool control, Bits data) {
    if (data.width() != LinkFrame.WORD_BITS) {
      throw new IllegalArgumentException("a lane word is " + LinkFrame.WORD_BITS + " bits, got " + data.width());
    }
    this.valid = valid;
    this.control = control;
    this.data = data;
  }

  public Bool valid() {
    return valid;
  }

  public Bool control() {
    return control;
  }

  public Bits data() {
    return data;
  }

  /** Drives this lane (a child's input or this module's output) from {@code source}. */
  public void driveFrom(Lane source) {
    valid.assign(source.valid);
    control.assign(source.control);
    data.assign(source.data);
  }
}
