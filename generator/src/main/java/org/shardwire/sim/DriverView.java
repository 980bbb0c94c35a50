package org.shardwire.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * What templates/verilator/stream_driver.cpp.vm needs, and nothing else. The back-pressure, its
 * seed and the cycle budget are not part of it: the driver takes them on its command line
 * ({@link #runOptions}), so runs that differ only in those share one Verilator build.
 */
public record DriverView(String topModule, List<PortView> inputs, List<PortView> outputs, int resetCycles,
    int drainCycles, List<String> statusPorts, List<MemoryView> memories) {

  /** Extra cycles run after the last expected beat, to catch beats that should not be there. */
  static final int DRAIN_CYCLES = 64;
  static final int RESET_CYCLES = 4;

  public record PortView(String name, int argIndex, String validSignal, String readySignal,
      List<StreamPort.Field> fields) {}

  /** An AXI4 read port and its simulated DDR; the image path is argument {@code argIndex}. */
  public record MemoryView(String name, int argIndex, int beatBytes, int latencyMin, int latencyMax,
      String bytesPerCycle, int rGapPercent, int arStallPercent, int maxOutstanding, long seed, long imageBase) {
    public String signal(String field) {
      return name + "_" + field;
    }
  }

  static DriverView of(Testbench tb, long seed) {
    List<PortView> in = new ArrayList<>();
    List<PortView> out = new ArrayList<>();
    int arg = 1;
    for (StreamPort p : tb.inputs()) {
      in.add(new PortView(p.name(), arg++, p.validSignal(), p.readySignal(), p.fields()));
    }
    for (StreamPort p : tb.outputs()) {
      out.add(new PortView(p.name(), arg++, p.validSignal(), p.readySignal(), p.fields()));
    }
    List<MemoryView> mem = new ArrayList<>();
    for (AxiMemoryPort m : tb.memories()) {
      DdrModel d = m.ddr();
      // Each DDR its own random stream, fixed by the run's seed.
      mem.add(new MemoryView(m.name(), arg++, m.shape().beatBytes(), d.latencyMin(), d.latencyMax(),
          Double.toString(d.bytesPerCycle()), d.rGapPercent(), d.arStallPercent(), d.maxOutstanding(),
          seed * 31 + mem.size() + 1, m.imageBase()));
    }
    return new DriverView(tb.topModule(), in, out, RESET_CYCLES, DRAIN_CYCLES, tb.statusPorts(), mem);
  }

  /** The driver's options for a run of {@code tb}: seed, back-pressure and cycle budget. */
  static List<String> runOptions(Testbench tb, long seed) {
    return List.of("--seed", Long.toUnsignedString(seed), "--gap", String.valueOf(tb.inputGapPercent()),
        "--stall", String.valueOf(tb.outputStallPercent()), "--max-cycles", String.valueOf(tb.maxCycles()));
  }

  public int portCount() {
    return inputs.size() + outputs.size() + memories.size();
  }
}
