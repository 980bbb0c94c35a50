package org.shardwire.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.emit.ClusterHarness;
import org.shardwire.sim.AxiMemoryPort;
import org.shardwire.sim.HarnessReport;

/**
 * One simulated DDR of a run, as sim.json and sim-board&lt;K&gt;.json record it ({@code ddr}): the
 * board's AXI4 read port it answered (the harness's name for it, {@code board<b>.<port>}), the timing it was given ({@code --ddr-latency},
 * {@code --ddr-bytes-per-cycle}, the bursts it queues) and what it served. A run's figures hold
 * only for the DDR it had, so the file says which. Served counts are null when the harness did not
 * report them (a run that stopped early).
 */
public record SimDdr(String port, long imageBase, int latencyMinCycles, int latencyMaxCycles,
    BigDecimal bytesPerCycle, int outstandingBursts, Long bursts, Long beats, Long rStallCycles,
    Long maxBurstsInFlight) {

  /**
   * The DDR behind each of {@code harness}'s DDR ports ({@code ports}, in the same order), with what
   * {@code report} (null: none) says each served.
   */
  public static List<SimDdr> of(ClusterHarness harness, List<AxiMemoryPort> ports, HarnessReport report) {
    List<SimDdr> out = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      AxiMemoryPort p = ports.get(i);
      String name = harness.ddr().get(i).name();
      HarnessReport.Memory served = null;
      for (HarnessReport.Memory m : report == null ? List.<HarnessReport.Memory>of() : report.axi()) {
        if (m.name().equals(name)) {
          served = m;
        }
      }
      out.add(new SimDdr(name, p.imageBase(), p.ddr().latencyMin(), p.ddr().latencyMax(),
          JsonFiles.fixed(p.ddr().bytesPerCycle(), 3), p.ddr().maxOutstanding(),
          served == null ? null : served.bursts(), served == null ? null : served.beats(),
          served == null ? null : served.rStallCycles(), served == null ? null : served.maxOutstanding()));
    }
    return out;
  }
}
