package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.emit.AtomicOutput;
import org.shardwire.emit.ClusterEmitter;
import org.shardwire.emit.FolderChecksums;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.emit.board.BoardNetwork;
import org.shardwire.emit.board.EngineNode;
import org.shardwire.emit.board.BoardTop;
import org.shardwire.emit.board.BoardTopConfig;
import org.shardwire.emit.lower.Lowering;
import org.shardwire.model.Shape;
import org.shardwire.plan.BranchFifos;
import org.shardwire.plan.DdrWeights;
import org.shardwire.plan.Plan;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Planner;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.report.DdrImageFiles;
import org.shardwire.report.JsonFiles;
import org.shardwire.report.PlanFile;
import org.shardwire.testing.TestPaths;

/**
 * The negative control of the branch FIFO derivation: resnet8-cifar (at 16x16, small engines) on one board with the
 * shortcut FIFO of the first residual block one row of its fork tensor below the derived
 * deadlock bound. The cluster must deadlock, and the harness must say so and name that FIFO
 * instead of hanging. (The built depth, the bound plus a row of read-ahead, runs bit-exact at
 * the estimated rate: ClusterFlowTest, resnet8-cifar on zcu102:1.)
 */
class BranchFifoDeadlockTest {
  private static final String SHORTCUT = "layer1.0.add.relu";

  @Test
  void oneRowBelowTheBoundOnTheShortcutFifoDeadlocksAndTheHarnessNamesIt() throws IOException {
    // 16x16 and 8 multipliers per engine: the same residual blocks, a Verilator model a tenth the size.
    ModelOptions model = new ModelOptions();
    model.model = "resnet8-cifar";
    model.inputSize = "16x16";
    BoardList boards = BoardList.parse("zcu102:1", BoardCatalog.builtIn());
    BranchFifos.Fifo derived = deadlocksOneRowBelowTheBound("fifo-deadlock", model,
        PlanOptions.defaults(boards).withMaxMultipliersPerEngine(8), boards);
    Shape f = Int8Model.load(model).graph().shape(derived.tensor());
    assertTrue(derived.deadlockBound() > (long) f.w() * f.c(), "the identity shortcut must hold more than a row: "
        + derived);
  }

  /**
   * The same with layer1.0.conv2 a weight-stationary conv (weights from the simulated DDR): it
   * needs the whole frame before its first output, so the bound is the whole fork tensor, and the
   * FIFO built is two frames (docs/engines.md, "Engines that keep whole frames"). It runs
   * bit-exact at that depth (DdrSimulationFlowTest, BoardAloneFlowTest: the same block on 8x8);
   * here one row less than a frame deadlocks. In the slow profile: its own Verilator build of the
   * board with a DDR port, 82 s (measured at load 4-8), where the suite has no room.
   */
  @Tag("slow")
  @Test
  void aShortcutBesideATiledConvDeadlocksOneRowBelowAFrame() throws IOException {
    ModelOptions model = new ModelOptions();
    model.model = "resnet8-cifar";
    model.inputSize = "8x8";
    BoardList boards = BoardList.parse("zcu102:1", BoardCatalog.builtIn());
    BranchFifos.Fifo derived = deadlocksOneRowBelowTheBound("fifo-deadlock-tiled", model,
        PlanOptions.defaults(boards).withMaxMultipliersPerEngine(8).withDdrWeights(DdrWeights.parse("layer1.0.conv2.bn")),
        boards);
    Shape f = Int8Model.load(model).graph().shape(derived.tensor());
    long frame = (long) f.h() * f.w() * f.c();
    assertEquals(frame, derived.deadlockBound(), derived.toString());
    assertEquals(2 * frame, derived.elements(), derived.toString());
  }

  /**
   * Plans and lowers {@code model}, checks the board builds the derived FIFO in front of the first
   * block's shortcut (from the engines it builds), sets it one row of the fork tensor below the
   * deadlock bound, and simulates one frame: the harness must report the deadlock naming it.
   */
  private static BranchFifos.Fifo deadlocksOneRowBelowTheBound(String name, ModelOptions model, PlanOptions options,
      BoardList boards) throws IOException {
    QuantizedGraph q = Int8Model.load(model);
    Plan plan = Planner.plan(q, boards, options);
    Lowering.Lowered lowered = Lowering.lower(q, plan, boards.boards().stream().map(Board::vendor).toList());

    BoardTopConfig board = lowered.boards().get(0);
    BoardNetwork.Reader shortcut = new BoardNetwork.Reader(SHORTCUT, 1);
    Map<String, EngineConfig> engines = new LinkedHashMap<>();
    for (EngineNode n : board.network().nodes()) {
      engines.put(n.name(), n.engine());
    }
    BranchFifos.Fifo derived = BranchFifos.of(q.graph(), engines).stream()
        .filter(x -> x.reader().equals(SHORTCUT) && x.input() == 1).findFirst().orElseThrow();
    assertEquals(derived.elements(), board.branchFifos().get(shortcut), "the board builds the plan's FIFO");
    String fork = board.network().node(SHORTCUT).inputs().get(1);
    Shape f = q.graph().shape(fork);
    long row = (long) f.w() * f.c();
    Map<BoardNetwork.Reader, Long> smaller = new LinkedHashMap<>(board.branchFifos());
    smaller.put(shortcut, derived.deadlockBound() - row);
    List<BoardTopConfig> altered = new ArrayList<>(lowered.boards());
    altered.set(0, new BoardTopConfig(board.index(), board.network(), board.streams(), board.inLink(),
        board.outLink(), smaller, board.branchFifoStyles(), board.rxLinks(), board.txLinks()));

    Path dir = TestPaths.freshDir(name).resolve("out");
    AtomicOutput.write(dir, staging -> {
      ClusterEmitter.write(q, plan, PlanFile.write(plan), new Lowering.Lowered(altered, lowered.streams(),
          lowered.graphInput(), lowered.graphOutput()), boards, JsonFiles.write(ModelSource.of(model)), staging);
      DdrImageFiles.writeBoards(staging, altered, boards); // as generate does: the streamed weights' image
      FolderChecksums.write(staging, List.of()); // as generate does: simulate checks the folder against it
    });
    assertEquals(ExitCodes.NOT_BIT_EXACT, Main.run("simulate", dir.toString(), "--frames", "1", "--latency", "8",
        "--build-cache", TestPaths.verilatorCache().toString()), "a deadlocked run must fail");

    String log = Files.readString(dir.resolve("sim/run/harness.log"));
    String fifo = "fifo_" + BoardTop.verilogName(fork) + "_to_" + BoardTop.verilogName(SHORTCUT);
    assertTrue(log.contains("DEADLOCK full FIFO board=0 fifo=" + fifo), log);
    assertTrue(log.contains("deadlock=1"), log);
    assertTrue(Files.readString(dir.resolve("sim/run/result.json")).contains("DEADLOCK full FIFO board=0 fifo=" + fifo));
    return derived;
  }
}
