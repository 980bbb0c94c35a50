package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.MemoryKind;
import org.shardwire.model.Shape;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.EndpointPlan;
import org.shardwire.plan.EngineKind;
import org.shardwire.plan.EnginePlan;
import org.shardwire.plan.Folding;
import org.shardwire.plan.LinkPlan;
import org.shardwire.plan.Plan;
import org.shardwire.plan.Strategy;
import org.shardwire.sim.ClusterSpec;

/**
 * The deadlock window simulate gives the harness is read from the plan: a board whose engines keep
 * whole frames is quiet for up to the sum of their cycles per frame, so a fixed window of a million
 * cycles called ResNet-50's board 3 (two weight-tile convs in series, quiet for ~3 M cycles at seed
 * scale) deadlocked while it worked (bench/RESULTS.md).
 */
class SimulateDeadlockWindowTest {
  @Test
  void theWindowCoversTheQuietestBoardSimulatedTwice() {
    Plan plan = twoBoards(List.of(1_605_632L, 903_168L, 1_605_632L), List.of(4_608L, 100L));
    long board0 = 1_605_632L + 903_168L + 1_605_632L;
    assertEquals(2 * board0, SimulateCommand.deadlockCycles(plan, List.of(0)));
    assertEquals(2 * board0, SimulateCommand.deadlockCycles(plan, List.of(0, 1)), "the whole cluster: its quietest board");
    assertEquals(ClusterSpec.DEFAULT_DEADLOCK_CYCLES, SimulateCommand.deadlockCycles(plan, List.of(1)),
        "never below the driver's own default");
  }

  private static Plan twoBoards(List<Long> cycles0, List<Long> cycles1) {
    List<BoardPlan> boards = List.of(board(0, cycles0), board(1, cycles1));
    LinkPlan link = new LinkPlan(0, 1, "t", Shape.of(7, 7, 16), 1, 10, 40, 100);
    return new Plan("test", Strategy.PIPELINE, "zcu102:2", 200, 1, boards, List.of(link));
  }

  private static BoardPlan board(int index, List<Long> cycles) {
    List<EnginePlan> engines = cycles.stream().map(c -> new EnginePlan("e" + c, "Relu", EngineKind.CLAMP,
        new Folding.Lanes(1), c, 0, 0, 0, 5, List.of(), 0)).toList();
    return new BoardPlan(index, "zcu102", "DSP48E2", 2520, Map.of(MemoryKind.RAMB36, 912), "LUT", 274_080,
        List.of(EndpointPlan.full()), engines, null, 0);
  }
}
