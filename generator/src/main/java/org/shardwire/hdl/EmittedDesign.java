package org.shardwire.hdl;

import java.nio.file.Path;
import java.util.List;

/**
 * The Verilog of one elaborated design: the top module's name, one file per module (children
 * first, top last: a valid compile order), any memory-initialisation files they read, the top's
 * ports and which of them are status counters ({@link StatusCounters}, in declaration order).
 */
public record EmittedDesign(String topModule, List<Path> verilogFiles, List<Path> memoryInitFiles, List<Port> ports,
    List<String> statusPorts) {
  public EmittedDesign {
    verilogFiles = List.copyOf(verilogFiles);
    memoryInitFiles = List.copyOf(memoryInitFiles);
    ports = List.copyOf(ports);
    statusPorts = List.copyOf(statusPorts);
  }

  /** A design read back from files whose ports are not known here (lint-only uses). */
  public EmittedDesign(String topModule, List<Path> verilogFiles, List<Path> memoryInitFiles) {
    this(topModule, verilogFiles, memoryInitFiles, List.of(), List.of());
  }

  /** A port of the top module, in declaration order. */
  public record Port(String name, boolean input, int width) {}
}
