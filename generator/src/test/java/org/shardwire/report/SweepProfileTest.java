package org.shardwire.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardwire.cli.Main;
import org.shardwire.plan.Plan;
import org.shardwire.testing.TestPaths;

/**
 * The named sweep a Maven profile selects (mvn -B -Psweep-smoke verify; -Psweep-resnet50,
 * -Psweep-shufflenet): runs sweeps/NAME.json into generator/target/sweeps/NAME, checks
 * sweep.csv's columns and plots, and that every point's figures equal a direct {@code plan} run
 * of that point (a point that does not fit must fail {@code plan} with exit 2 too).
 */
@Tag("sweep")
class SweepProfileTest {
  static final List<String> COLUMNS = List.of("point", "model", "boards_spec", "board_count", "strategy", "clock_mhz",
      "max_multipliers_per_engine", "status", "reason", "est_cycles_per_frame", "est_fps", "est_multiplier_efficiency",
      "macs_per_frame", "multipliers", "multipliers_available", "max_board_multiplier_share", "mem_blocks",
      "mem_blocks_available", "max_board_memory_share", "luts_est", "luts_available", "max_board_logic_share",
      "bottleneck_board", "link_bytes_per_frame", "max_link_utilisation", "simulated", "bit_exact",
      "measured_cycles_per_frame", "measured_vs_est", "latency_cycles");

  @Test
  void theNamedSweepMatchesDirectPlanRuns() throws Exception {
    String name = System.getProperty("shardwire.sweep", "");
    assertTrue(name.matches("[a-z0-9-]+"), "run with -Psweep-<name> (shardwire.sweep is '" + name + "')");
    Path spec = TestPaths.repoRoot().resolve("sweeps").resolve(name + ".json");
    Path out = TestPaths.target().resolve("sweeps").resolve(name);
    long start = System.nanoTime();
    assertEquals(0, Main.run("sweep", "--spec", spec.toString(), "--out", out.toString(), "--build-cache",
        TestPaths.verilatorCache().toString()));
    System.out.printf("sweep %s took %.1f s%n", name, (System.nanoTime() - start) / 1e9);

    List<String> lines = Files.readAllLines(out.resolve("sweep.csv"));
    assertEquals(String.join(",", COLUMNS), lines.get(0), "sweep.csv columns");
    assertEquals(COLUMNS, SweepRows.columns());
    List<SweepRow> rows = SweepRows.read(out.resolve("sweep.csv"));
    SweepSpec sweep = SweepSpec.read(spec);
    assertEquals(sweep.points().size(), rows.size(), "one row per point");
    assertTrue(rows.stream().anyMatch(r -> r.status().equals(SweepRow.OK)), "at least one point fits");

    Path direct = TestPaths.freshDir("sweep-direct/" + name);
    for (SweepRow r : rows) {
      SweepSpec.Point p = sweep.points().get(r.point());
      List<String> args = new ArrayList<>(List.of("plan", "--model", p.model(), "--boards", p.boards(), "--strategy",
          p.strategy(), "--out", direct.resolve("p" + r.point()).toString()));
      if (sweep.inputSize() != null) {
        args.addAll(List.of("--input-size", sweep.inputSize()));
      }
      if (p.clockMhz() != null) {
        args.addAll(List.of("--clock-mhz", String.valueOf(p.clockMhz())));
      }
      if (p.cap() > 0) {
        args.addAll(List.of("--max-multipliers-per-engine", String.valueOf(p.cap())));
      }
      int code = Main.run(args.toArray(new String[0]));
      if (!r.status().equals(SweepRow.OK)) {
        assertEquals(2, code, "point " + r.point() + " (" + r.status() + ") fails plan as bad input too");
        continue;
      }
      assertEquals(0, code, "plan of point " + r.point());
      Plan plan = PlanFile.read(direct.resolve("p" + r.point()).resolve(PlanFile.FILE));
      PlanFile f = PlanFile.of(plan);
      String where = "point " + r.point() + " " + p.model() + " on " + p.boards();
      assertEquals(p.model(), r.model(), where);
      assertEquals(f.boardsSpec(), r.boardsSpec(), where);
      assertEquals(f.clockMhz(), r.clockMhz(), where);
      assertEquals(f.estCyclesPerFrame(), r.estCyclesPerFrame(), where);
      assertEquals(f.estFps(), r.estFps(), where);
      assertEquals(f.estMultiplierEfficiency(), r.estMultiplierEfficiency(), where);
      assertEquals(f.macsPerFrame(), r.macsPerFrame(), where);
      assertEquals(f.multipliers(), r.multipliers(), where);
      assertEquals(f.boards().stream().mapToLong(PlanFile.BoardJson::lutsEst).sum(), r.lutsEst(), where);
      assertEquals(plan.boards().size(), r.boardCount(), where);
      assertEquals(f.links().stream().mapToLong(PlanFile.LinkJson::bytesPerFrame).sum(), r.linkBytesPerFrame(), where);
    }
    for (String plot : List.of(SweepPlots.FPS, SweepPlots.EFFICIENCY, SweepPlots.RESOURCES)) {
      String svg = Files.readString(out.resolve(plot));
      assertTrue(svg.startsWith("<?xml") && svg.contains("<svg") && svg.contains("</svg>"), plot);
    }
    assertEquals(rows.stream().anyMatch(r -> r.measuredCyclesPerFrame() != null),
        Files.exists(out.resolve(SweepPlots.ESTIMATE)), "estimate-vs-measured plot exactly when points were simulated");
  }
}
