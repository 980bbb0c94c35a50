package org.shardwire.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.shardwire.emit.BoardHarness;
import org.shardwire.emit.ClusterHarness;
import org.shardwire.emit.ClusterVectors;
import org.shardwire.plan.Plan;
import org.shardwire.report.BoardSimFile;
import org.shardwire.report.JsonFiles;
import org.shardwire.sim.AxiMemoryPort;
import org.shardwire.sim.ClusterResult;
import org.shardwire.sim.ClusterSimulator;
import org.shardwire.sim.ClusterSpec;

/**
 * {@code simulate --board K}: board K of a generated cluster alone in its board-alone harness
 * ({@code DIR/sim/board<K>/}, emit.BoardHarness), fed what it reads in the cluster and checked on
 * everything it sends, with the cluster's golden vectors; writes {@code DIR/sim-board<K>.json} and
 * prints the board's measured cycles per frame against its estimate (docs/board-simulation.md).
 */
final class BoardSimulation {
  private BoardSimulation() {}

  /** Bad {@code --board} values exit 2 before anything is built. */
  static void check(int board, Plan plan, Path dir) {
    int n = plan.boards().size();
    if (board < 0 || board >= n) {
      throw new UserInputException("--board " + board + ": " + plan.model() + " on " + plan.boardsSpec() + " has " + n
          + (n == 1 ? " board, so --board must be 0" : " boards, so --board must be in 0.." + (n - 1)));
    }
    if (!Files.isDirectory(BoardHarness.dir(dir.resolve("sim"), board))) {
      throw new UserInputException("--board " + board + ": " + dir + " has no board-alone harness (sim/board" + board
          + "/; folders generated before simulate --board existed lack it): run ./shardwire generate again");
    }
  }

  /** A few stream names, or the first three and how many in all (a channel-group board has dozens). */
  private static String names(java.util.List<String> all) {
    return all.size() <= 4 ? String.join(", ", all)
        : String.join(", ", all.subList(0, 3)) + " and " + (all.size() - 3) + " more (" + all.size() + " in all)";
  }

  /** What --trace asks: the window around a mismatch, or the cycles given ({@code span}, null: none). */
  record Tracing(ClusterSimulator.TraceWindow window, ClusterSimulator.TraceSpan span) {}

  /** Runs board {@code board} alone, traced as {@code tracing} says (null: not); returns whether it was bit-exact. */
  static boolean run(int board, Plan plan, ClusterVectors vectors, ClusterSpec spec, int frames, Path dir,
      ClusterSimulator simulator, Function<ClusterHarness, List<AxiMemoryPort>> ddr, Tracing tracing, PrintWriter w) {
    BoardHarness h = BoardHarness.read(dir.resolve("sim"), board);
    List<AxiMemoryPort> memories = ddr.apply(h.harness());
    BoardHarness.Vectors v = h.vectors(vectors, plan, ClusterHarness.read(dir.resolve("sim")).checks());
    w.println("simulating board " + board + " (" + plan.boards().get(board).board() + ") of " + plan.model() + " on "
        + plan.boardsSpec() + " alone: " + frames + (frames == 1 ? " frame" : " frames") + ", fed "
        + names(v.inputs()) + ", checking " + names(v.outputs())
        + (simulator.isBuilt(h.harness()) ? " (Verilator build cached)" : " (building with Verilator first)"));
    SimulatedDdr.describe(w, h.harness(), memories);
    w.flush();
    ClusterSimulator.Run run;
    try (SimulationProgress progress = new SimulationProgress(w, frames)) {
      run = simulator.run(h.harness(), spec, v.image(), v.scores(), v.checks(), v.feeds(), memories, progress);
    }
    ClusterResult r = run.result();
    BoardSimFile f = BoardSimFile.of(plan, h, v, spec, frames, memories, r);
    JsonFiles.write(f, dir.resolve(BoardSimFile.file(board)));
    w.println(r.passed() ? "bit-exact: everything board " + board + " sends matches the golden model"
        : "NOT bit-exact: " + r.result().mismatches() + " mismatches" + (r.result().timedOut() ? ", timed out" : "")
            + (r.result().deadlocked() ? ", DEADLOCK" : ""));
    for (String l : r.result().mismatchLines()) {
      w.println("  " + l);
    }
    double ii = r.cyclesPerFrame(h.measuredStream());
    long est = f.estCyclesPerFrame();
    w.println(String.format(Locale.ROOT, "board %d cycles per frame: measured %s, estimated %d%s", board,
        Double.isNaN(ii) ? "n/a (needs 2+ frames)" : String.format(Locale.ROOT, "%.0f", ii), est,
        Double.isNaN(ii) ? "" : String.format(Locale.ROOT, " (%+.1f%%)", 100 * (ii / est - 1))));
    w.println(String.format(Locale.ROOT, "latency: %d cycles (frame 0's first input word to its last output word); "
        + "%d cycles simulated at %.0f cycles/s", f.latencyCycles(), f.totalCycles(),
        f.simulatedCyclesPerSecond().doubleValue()));
    SimulatedDdr.report(w, r.result().report());
    if (tracing != null) {
      // Only the board under test: its feeders and sinks are the same link endpoints it has itself.
      SimulateCommand.retrace(w, " board " + board, simulator, h.harness(), spec, run, tracing,
          List.of(h.instance()), frames);
    }
    w.println("wrote " + dir.resolve(BoardSimFile.file(board)));
    w.flush();
    return r.passed();
  }
}
