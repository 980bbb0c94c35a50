package org.shardwire.sim;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.hdl.AxisShape;

/**
 * A stream port of the design under test, as the driver sees it: {@code INPUT} ports are fed from
 * a stimulus vector file, {@code OUTPUT} ports are compared against an expected vector file.
 */
public record StreamPort(String name, Direction direction, AxisShape shape) {
  public enum Direction { INPUT, OUTPUT }

  public StreamPort {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("stream port name must be a lower-case Verilog identifier, got '" + name + "'");
    }
  }

  public static StreamPort input(String name, AxisShape shape) {
    return new StreamPort(name, Direction.INPUT, shape);
  }

  public static StreamPort output(String name, AxisShape shape) {
    return new StreamPort(name, Direction.OUTPUT, shape);
  }

  /** Payload fields in vector-file order: tdata, then tlast, then tuser. */
  public List<Field> fields() {
    List<Field> f = new ArrayList<>();
    f.add(new Field("tdata", name + "_tdata", shape.dataWidth()));
    if (shape.hasLast()) {
      f.add(new Field("tlast", name + "_tlast", 1));
    }
    if (shape.userWidth() > 0) {
      f.add(new Field("tuser", name + "_tuser", shape.userWidth()));
    }
    return f;
  }

  public String validSignal() {
    return name + "_tvalid";
  }

  public String readySignal() {
    return name + "_tready";
  }

  /** One payload field: its AXI name, the Verilog port and its width. */
  public record Field(String field, String signal, int width) {}
}
