package org.shardwire.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.cli.Main;
import org.shardwire.golden.Quantization;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.plan.HandSplits;
import org.shardwire.plan.LinkPlan;
import org.shardwire.plan.Plan;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.report.BoardSimFile;
import org.shardwire.report.DdrImageFiles;
import org.shardwire.report.JsonFiles;
import org.shardwire.report.PlanFile;
import org.shardwire.report.SimFile;
import org.shardwire.report.SourceFile;
import org.shardwire.testing.TestPaths;

/**
 * A pipeline cut inside a residual block (docs/planner.md, "Cuts inside blocks"), built and
 * simulated: resnet8-cifar on zcu102:2 split after layer2.0's conv1, so board 0 sends two tensors
 * to board 1, the block's input for the downsample shortcut (on {@code link_out1}) and conv1's
 * output (on {@code link_out}), and board 1 builds the join's branch FIFO. The planner takes such a
 * split only where it is faster (ResNet-50 on four boards); on this small network it is as fast as
 * the split between blocks, so the test chooses it ({@link HandSplits}). The cluster and each board
 * alone are bit-exact at their estimates, with both links carrying what the plan counts.
 */
class ShortcutCutFlowTest {
  private static Path dir;

  @BeforeAll
  static void generate() throws Exception {
    dir = TestPaths.freshDir("flow/resnet8-cifar-zcu102x2-shortcut-cut").resolve("out");
    Files.createDirectories(dir);
    QuantizedGraph q = Quantization.quantize(ModelZoo.build("resnet8-cifar"), ModelZoo.DEFAULT_SEED);
    BoardList boards = BoardList.parse("zcu102:2", BoardCatalog.builtIn());
    Plan plan = HandSplits.plan(q, boards, List.of("conv1.relu", "layer2.0.conv2.bn"));
    // the shortcut (made first) and the main branch, each on its own link from board 0 to board 1
    assertEquals(List.of("layer1.0.add.relu", "layer2.0.conv1.relu"),
        plan.links().stream().map(LinkPlan::tensor).toList());
    assertEquals(List.of(2, 2), plan.boards().stream().map(b -> b.linkEndpoints()).toList());
    String source = JsonFiles.write(new SourceFile("resnet8-cifar", null, null, null, ModelZoo.DEFAULT_SEED));
    ClusterEmitter.Written w = ClusterEmitter.write(q, plan, PlanFile.write(plan), boards, source, dir);
    DdrImageFiles.writeBoards(dir, w.lowered(), boards);
    FolderChecksums.write(dir, List.of());
  }

  @Test
  void theClusterIsBitExactWithBothLinksAtTheirEstimate() {
    assertEquals(0, Main.run("simulate", dir.toString(), "--frames", "3", "--latency", "64", "--build-cache",
        TestPaths.verilatorCache().toString()));
    SimFile sim = SimFile.read(dir.resolve(SimFile.FILE));
    assertTrue(sim.bitExact());
    assertEquals(0, sim.mismatches());
    assertTrue(Math.abs(sim.measuredVsEst().doubleValue() - 1) <= 0.05, "measured/estimated " + sim.measuredVsEst());
    Plan plan = PlanFile.read(dir.resolve("plan.json"));
    assertEquals(2, sim.links().size());
    for (int j = 0; j < 2; j++) {
      assertEquals(plan.links().get(j).laneWordsPerFrame() * 3, sim.links().get(j).estWordsSent().longValue());
      assertEquals(sim.links().get(j).estWordsSent(), sim.links().get(j).wordsSent(), "link " + j + " words sent");
    }
    System.out.println("shortcut cut cluster: measured " + sim.cyclesPerFrame() + " / estimated "
        + sim.estCyclesPerFrame());
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
