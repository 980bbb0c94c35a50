package org.shardwire.sim;

import java.util.List;

/**
 * A stream testbench: the top module, its stream ports, the back-pressure to apply and a cycle
 * budget after which the run counts as hung.
 *
 * @param inputGapPercent chance (0..90) that an input holds tvalid low in a cycle
 * @param outputStallPercent chance (0..90) that an output holds tready low in a cycle
 */
public record Testbench(String topModule, List<StreamPort> ports, int inputGapPercent, int outputStallPercent,
    long maxCycles) {
  public Testbench {
    ports = List.copyOf(ports);
    if (inputGapPercent < 0 || inputGapPercent > 90 || outputStallPercent < 0 || outputStallPercent > 90) {
      throw new IllegalArgumentException("back-pressure percentages must be in 0..90, got input gap "
          + inputGapPercent + ", output stall " + outputStallPercent);
    }
    if (maxCycles < 1) {
      throw new IllegalArgumentException("maxCycles must be positive, got " + maxCycles);
    }
    if (ports.stream().noneMatch(p -> p.direction() == StreamPort.Direction.OUTPUT)) {
      throw new IllegalArgumentException("a testbench needs at least one output port to check");
    }
  }

  public List<StreamPort> inputs() {
    return ports.stream().filter(p -> p.direction() == StreamPort.Direction.INPUT).toList();
  }

  public List<StreamPort> outputs() {
    return ports.stream().filter(p -> p.direction() == StreamPort.Direction.OUTPUT).toList();
  }

  /** The same bench with the consumer always ready and the producer never idle: throughput runs. */
  public Testbench withoutBackPressure() {
    return new Testbench(topModule, ports, 0, 0, maxCycles);
  }
}
