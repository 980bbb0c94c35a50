package org.shardwire.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardwire.cli.Main;
import org.shardwire.testing.TestPaths;

/**
 * {@code sweep --simulate}: every point is generated and simulated, and sweep.csv carries the
 * measured columns beside the estimate. Slow (a Verilator build per point): two points of the
 * small test net, one and two boards.
 */
@Tag("slow")
class SweepSimulateSlowTest {
  @Test
  void simulatedPointsCarryMeasuredFigures() throws Exception {
    Path out = TestPaths.freshDir("sweep-simulate").resolve("out");
    assertEquals(0, Main.run("sweep", "--model", "resnet8-cifar", "--input-size", "8x8", "--boards", "zcu102:1..2",
        "--max-multipliers-per-engine", "4", "--simulate", "--frames", "2", "--out", out.toString(), "--build-cache",
        TestPaths.verilatorCache().toString()));
    List<SweepRow> rows = SweepRows.read(out.resolve("sweep.csv"));
    assertEquals(2, rows.size());
    for (SweepRow r : rows) {
      assertEquals(SweepRow.OK, r.status(), r.reason());
      assertTrue(r.simulated(), "point " + r.point());
      assertEquals(Boolean.TRUE, r.bitExact(), "point " + r.point());
      assertTrue(r.measuredCyclesPerFrame() != null && r.measuredCyclesPerFrame().doubleValue() > 0, r.toString());
      assertTrue(r.latencyCycles() != null && r.latencyCycles() > r.estCyclesPerFrame() / 2, r.toString());
      // measured_vs_est is the measured II over the estimate, both from this row
      assertEquals(r.measuredCyclesPerFrame().doubleValue() / r.estCyclesPerFrame(), r.measuredVsEst().doubleValue(),
          1e-4, r.toString());
    }
    assertTrue(Files.exists(out.resolve(SweepPlots.ESTIMATE)), "the estimate-vs-measured plot is drawn");
  }
}
