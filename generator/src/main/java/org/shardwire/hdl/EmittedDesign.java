package org.shardwire.hdl;

import java.nio.file.Path;
import java.util.List;

/**
 * The Verilog of one elaborated design: the top module's name, one file per module (children
 * first, top last: a valid compile order) and any memory-initialisation files they read.
 */
public record EmittedDesign(String topModule, List<Path> verilogFiles, List<Path> memoryInitFiles) {
  public EmittedDesign {
    verilogFiles = List.copyOf(verilogFiles);
    memoryInitFiles = List.copyOf(memoryInitFiles);
  }
}
