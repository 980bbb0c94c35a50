package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.golden.Quantization;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.QuantizedGraph;

/**
 * The exact board fold ({@link ExactBoardFolder}) and the split search over it ({@link
 * SplitCover}) on ResNet-18 at 8x8 over three ZCU102s, where the first board's layers are held by
 * its memory and DDR: the greedy climb's best split is 135,936 cycles a frame, the exact fold
 * finds boards that fit at 131,072 and proves that none fits lower.
 */
class ExactBoardFolderTest {
  private static QuantizedGraph resnet18At8x8() {
    return Quantization.quantize(ModelZoo.build("resnet18", Shape.of(8, 8, 3), ModelZoo.DEFAULT_SEED),
        ModelZoo.DEFAULT_SEED);
  }

  private static Planner planned;
  private static Plan plan;

  /** One planner and its plan for all the tests (a plan takes half a minute here). */
  private static synchronized Planner planned() {
    if (planned == null) {
      planned = planner();
      plan = planned.run();
    }
    return planned;
  }

  private static Planner planner() {
    BoardList boards = BoardList.parse("zcu102:3", BoardCatalog.builtIn());
    return new Planner(resnet18At8x8(), boards, PlanOptions.defaults(boards));
  }

  @Test
  void findsAFasterSplitThanTheGreedyClimbAndEveryBoardFits() {
    Planner p = planned();
    assertEquals(131_072, plan.cyclesPerFrame());
    BoardPlan first = plan.boards().get(0);
    int end = p.blockStartingAt(plan.boards().get(1).layers().get(0));
    // the climb does not reach the plan's II with the first board's layers; the exact fold does
    assertFalse(p.refold(0, 0, end, plan.cyclesPerFrame()).noSlowerThan(plan.cyclesPerFrame()));
    BoardFolder.Result exact = p.exactFold(0, 0, end, plan.cyclesPerFrame());
    assertNotNull(exact);
    assertTrue(exact.fits(), exact.shortfalls().toString());
    assertTrue(exact.cycles() <= plan.cyclesPerFrame());
    assertEquals(exact.cycles(), first.cyclesPerFrame());
  }

  @Test
  void belowTheMacBoundNothingFits() {
    Planner p = planned();
    assertNull(p.exactFold(0, 0, p.blockCount() - 2, 1_000));
  }

  @Test
  void sameInputSameFold() {
    Planner a = planned();
    Planner b = planner();
    int end = a.blockStartingAt(plan.boards().get(1).layers().get(0));
    List<Folding> one = a.exactFold(0, 0, end, 131_072).chosen().stream().map(EngineCost::folding).toList();
    List<Folding> two = b.exactFold(0, 0, end, 131_072).chosen().stream().map(EngineCost::folding).toList();
    assertEquals(one, two);
  }
}
