package org.shardwire.quant;

import java.util.List;

/** Concat: input i is requantized to the output scale, y = clamp(rq(x; inputs[i]), -128, 127). */
public record QConcat(List<Requant> inputs) implements QLayer {
  public QConcat {
    inputs = List.copyOf(inputs);
  }
}
