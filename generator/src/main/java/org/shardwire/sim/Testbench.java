package org.shardwire.sim;

import java.util.List;

/**
 * A stream testbench: the top module, its stream ports, the back-pressure to apply and a cycle
 * budget after which the run counts as hung.
 *
 * @param inputGapPercent chance (0..90) that an input holds tvalid low in a cycle
 * @param outputStallPercent chance (0..90) that an output holds tready low in a cycle
 * @param statusPorts output ports (status counters, at most 64 bits) whose final values the
 *     driver reports ({@link SimResult#status()}); they are read, never checked
 * @param memories AXI4 read master ports, each answered by a simulated DDR
 */
public record Testbench(String topModule, List<StreamPort> ports, int inputGapPercent, int outputStallPercent,
    long maxCycles, List<String> statusPorts, List<AxiMemoryPort> memories) {
  public Testbench {
    ports = List.copyOf(ports);
    statusPorts = List.copyOf(statusPorts);
    memories = List.copyOf(memories);
    for (String s : statusPorts) {
      if (!s.matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException("status port name must be a lower-case Verilog identifier, got '" + s + "'");
      }
    }
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

  /** A bench that reports no status ports. */
  public Testbench(String topModule, List<StreamPort> ports, int inputGapPercent, int outputStallPercent,
      long maxCycles) {
    this(topModule, ports, inputGapPercent, outputStallPercent, maxCycles, List.of(), List.of());
  }

  /** A bench reporting these status ports. */
  public Testbench(String topModule, List<StreamPort> ports, int inputGapPercent, int outputStallPercent,
      long maxCycles, List<String> statusPorts) {
    this(topModule, ports, inputGapPercent, outputStallPercent, maxCycles, statusPorts, List.of());
  }

  public List<StreamPort> inputs() {
    return ports.stream().filter(p -> p.direction() == StreamPort.Direction.INPUT).toList();
  }

  public List<StreamPort> outputs() {
    return ports.stream().filter(p -> p.direction() == StreamPort.Direction.OUTPUT).toList();
  }

  /** The same bench with the consumer always ready and the producer never idle: throughput runs. */
  public Testbench withoutBackPressure() {
    return new Testbench(topModule, ports, 0, 0, maxCycles, statusPorts, memories);
  }

  /** The same bench with these AXI4 read ports answered by simulated DDR. */
  public Testbench withMemories(List<AxiMemoryPort> axi) {
    return new Testbench(topModule, ports, inputGapPercent, outputStallPercent, maxCycles, statusPorts, axi);
  }

  /** The same bench, also reporting the final values of these output ports. */
  public Testbench withStatusPorts(List<String> names) {
    return new Testbench(topModule, ports, inputGapPercent, outputStallPercent, maxCycles, names, memories);
  }
}
