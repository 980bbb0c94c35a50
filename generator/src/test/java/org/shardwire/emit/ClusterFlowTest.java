package org.shardwire.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.cli.Main;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.report.SimFile;
import org.shardwire.testing.TestPaths;

/**
 * The whole product on the small nets: generate a cluster, simulate every board and link in one
 * Verilator harness, and require bit-exact scores and cut tensors and measured cycles per frame
 * within 5% of the cost model's estimate.
 */
class ClusterFlowTest {

  /**
   * The last case caps every engine at 24 multipliers, so the bottleneck moves from the stem
   * (3 input channels: SIMD 1) to the residual convolutions on both boards.
   */
  @ParameterizedTest(name = "{0} on {1}, multipliers per engine {2}")
  @CsvSource({
      "resnet8-cifar, zcu102:1, 0",
      "resnet8-cifar, zcu102:2, 0",
      "resnet8-cifar, zcu102:3, 0",
      "shufflenet-tiny, zcu102:1, 0",
      "shufflenet-tiny, zcu102:2, 0",
      "shufflenet-tiny, zcu102:3, 0",
      "resnet8-cifar, zcu102:2, 24",
  })
  void bitExactAndWithinFivePercentOfTheEstimate(String model, String boards, int cap) throws IOException {
    generateSimulateAndCheck(model, boards, cap, 3, 0.05);
  }

  /**
   * Generates {@code model} on {@code boards} (engines capped at {@code cap} multipliers when
   * positive), lints every board top, simulates {@code frames} frames and asserts bit-exact
   * results and measured cycles per frame within {@code tolerance} of the estimate.
   */
  static void generateSimulateAndCheck(String model, String boards, int cap, int frames, double tolerance)
      throws IOException {
    generateSimulateAndCheck(model, boards, cap, frames, tolerance, List.of());
  }

  /** The same with more {@code generate} options ({@code extra}, e.g. {@code --dsp-packing}); returns the folder. */
  static Path generateSimulateAndCheck(String model, String boards, int cap, int frames, double tolerance,
      List<String> extra) throws IOException {
    Path dir = TestPaths.freshDir("flow/" + model + "-" + boards.replace(':', 'x') + "-cap" + cap
        + String.join("", extra).replace("-", "")).resolve("out");
    // The pipeline flow (links between consecutive boards): auto would take channel groups where they are faster.
    List<String> generate = new java.util.ArrayList<>(List.of("generate", "--model", model, "--boards", boards,
        "--strategy", "pipeline", "--out", dir.toString()));
    generate.addAll(extra);
    if (cap > 0) {
      generate.addAll(List.of("--max-multipliers-per-engine", String.valueOf(cap)));
    }
    assertEquals(0, Main.run(generate.toArray(new String[0])));
    int boardCount = Integer.parseInt(boards.substring(boards.indexOf(':') + 1));
    VerilatorBuilder verilator = new VerilatorBuilder(
        BuildContext.detect(TestPaths.verilatorCache(), dir.resolveSibling("lint"), 1), new TemplateRenderer());
    for (int i = 0; i < boardCount; i++) {
      Path rtl = dir.resolve("board" + i + "/rtl");
      Path board = dir.resolve("board" + i);
      // Xilinx boards get a Vivado script, Intel boards (the Arria 10 cluster) a Quartus one.
      assertTrue(Files.isRegularFile(board.resolve("vivado.tcl")) || Files.isRegularFile(board.resolve("quartus.tcl")),
          "board" + i + " has no vendor project script");
      String top = "board" + i + "_top";
      assertEquals("", verilator.lint(Filelist.readDesign(rtl, top)), top + " is not lint-clean");
    }
    assertEquals(0, Main.run("simulate", dir.toString(), "--frames", String.valueOf(frames), "--latency", "64",
        "--build-cache", TestPaths.verilatorCache().toString()));

    SimFile sim = SimFile.read(dir.resolve(SimFile.FILE));
    assertTrue(sim.bitExact());
    assertEquals(0, sim.mismatches());
    double ratio = sim.measuredVsEst().doubleValue();
    assertTrue(Math.abs(ratio - 1) <= tolerance, model + " on " + boards + ": measured/estimated cycles per frame = "
        + ratio);
    assertEquals(boardCount, sim.boards().size());
    // one link per tensor of each cut: one between blocks, two inside a block (resnet8-cifar on
    // zcu102:2 cuts inside layer2.0, after its conv1: the shortcut crosses beside it)
    org.shardwire.plan.Plan plan = org.shardwire.report.PlanFile.read(dir.resolve("plan.json"));
    assertEquals(plan.links().size(), sim.links().size());
    assertTrue(sim.links().size() >= boardCount - 1);
    for (int j = 0; j < plan.links().size(); j++) {
      assertEquals(plan.links().get(j).laneWordsPerFrame() * frames, sim.links().get(j).estWordsSent().longValue());
    }
    System.out.println("CLUSTER_FLOW " + model + " on " + boards + " cap " + cap + ": measured " + sim.cyclesPerFrame()
        + " / estimated " + sim.estCyclesPerFrame() + " cycles per frame = " + ratio);
    return dir;
  }
}
