package org.shardwire.sim;

import java.nio.file.Path;
import org.shardwire.hdl.Axi4ReadShape;

/**
 * An AXI4 read master port of the design under test ({@code <name>_arvalid}, ...) and the
 * simulated DDR the driver answers it from: a binary image (byte 0 at address {@code imageBase})
 * and its timing.
 * The driver writes each accepted request to {@code <name>.ar.txt} in the run folder.
 */
public record AxiMemoryPort(String name, Axi4ReadShape shape, Path image, long imageBase, DdrModel ddr) {
  public AxiMemoryPort {
    if (imageBase < 0) {
      throw new IllegalArgumentException("AXI port " + name + ": image base must be >= 0, got " + imageBase);
    }
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("AXI port name must be a lower-case Verilog identifier, got '" + name + "'");
    }
  }

  /** An image whose byte 0 is at address 0. */
  public AxiMemoryPort(String name, Axi4ReadShape shape, Path image, DdrModel ddr) {
    this(name, shape, image, 0, ddr);
  }

  /** The file of accepted read requests: one line per burst, byte address in hex and beats. */
  public String requestLog() {
    return name + ".ar.txt";
  }
}
