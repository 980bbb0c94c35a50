package org.shardwire.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.cli.Main;
import org.shardwire.plan.LinkPlan;
import org.shardwire.plan.Plan;
import org.shardwire.report.BoardSimFile;
import org.shardwire.report.JsonFiles;
import org.shardwire.report.PlanFile;
import org.shardwire.testing.TestPaths;

/**
 * A pipeline cut inside a residual block (docs/planner.md, "Cuts inside blocks"): resnet8-cifar on
 * zcu102:2 splits layer2.0 after its conv1, so board 0 sends two tensors to board 1, the block's
 * input (for the downsample shortcut, on {@code link_out1}) and conv1's output (on
 * {@code link_out}), and board 1 builds the join's branch FIFO. Each board alone in its harness is
 * fed and checked on both tensors, bit-exact and at its estimate (the whole cluster:
 * {@link ClusterFlowTest}).
 */
class ShortcutCutFlowTest {
  private static Path dir;

  @BeforeAll
  static void generate() {
    dir = TestPaths.freshDir("board-alone/resnet8-cifar-zcu102x2-shortcut-cut").resolve("out");
    assertEquals(0, Main.run("generate", "--model", "resnet8-cifar", "--boards", "zcu102:2", "--strategy", "pipeline",
        "--out", dir.toString()));
    Plan plan = PlanFile.read(dir.resolve("plan.json"));
    // the shortcut (made first) and the main branch, each on its own link from board 0 to board 1
    assertEquals(List.of("layer1.0.add.relu", "layer2.0.conv1.relu"),
        plan.links().stream().map(LinkPlan::tensor).toList());
    assertEquals(List.of(2, 2), plan.boards().stream().map(b -> b.linkEndpoints()).toList());
  }

  @ParameterizedTest(name = "board {0} alone")
  @CsvSource({
      "0, image, board0.out|board0.out1",
      "1, board0.out|board0.out1, scores",
  })
  void eachBoardAloneCarriesBothTensors(int board, String fed, String checked) {
    assertEquals(0, Main.run("simulate", dir.toString(), "--board", String.valueOf(board), "--frames", "2",
        "--latency", "64", "--build-cache", TestPaths.verilatorCache().toString()));
    BoardSimFile f = JsonFiles.read(dir.resolve(BoardSimFile.file(board)), BoardSimFile.class);
    assertTrue(f.bitExact(), "board " + board + " is not bit-exact: " + f.firstMismatches());
    assertEquals(List.of(fed.split("\\|")), f.inputs());
    assertEquals(List.of(checked.split("\\|")), f.outputs());
    double ratio = f.measuredVsEst().doubleValue();
    System.out.printf("shortcut cut, board %d alone: measured %s, estimated %d, ratio %.4f%n", board,
        f.cyclesPerFrame(), f.estCyclesPerFrame(), ratio);
    assertTrue(Math.abs(ratio - 1) <= 0.05, "board " + board + ": measured " + f.cyclesPerFrame() + " vs estimated "
        + f.estCyclesPerFrame());
  }
}
