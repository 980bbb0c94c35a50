package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;

/** The MAC bound: what no folding of a plan's structure beats, and what sets it. */
class MacBoundTest {
  private static EngineCost cost(long cycles, int macMultipliers) {
    return new EngineCost(new Folding.Lanes(1), cycles, macMultipliers, 0, 0, List.of(), 0, 0);
  }

  @Test
  void aBoardsShareIsItsEnginesLeastWorkOverItsMultipliers() {
    // engine a: least work 1,000 (1,000 cycles on 1; 10 x 120 = 1,200 is more); engine b: 2,400 (8 x 300 too)
    List<List<EngineCost>> options = List.of(List.of(cost(1_000, 1), cost(120, 10)),
        List.of(cost(2_400, 1), cost(300, 8)));
    MacBound b = MacBound.ofBoard("board #0 (a..b)", List.of("a", "b"), options, 7);
    assertEquals((3_400 + 6) / 7, b.cycles());
    assertEquals("board #0 (a..b): 3,400 multiplier-cycles a frame on 7 multipliers", b.where());
    assertEquals(b.cycles(), MacBound.cycles(options, 7));
  }

  @Test
  void anEngineAtItsFastestSetsItWhenSlowerThanTheShare() {
    List<List<EngineCost>> options = List.of(List.of(cost(1_000, 1), cost(500, 2)), List.of(cost(900, 0)));
    MacBound b = MacBound.ofBoard("board #1 (a..p)", List.of("a", "p"), options, 1_000);
    assertEquals(900, b.cycles());
    assertEquals("board #1 (a..p): p at its fastest folding", b.where());
  }

  @Test
  void aBoundNeedsCyclesAndWhatSetsThem() {
    assertThrows(IllegalArgumentException.class, () -> new MacBound(0, "board #0"));
    assertThrows(IllegalArgumentException.class, () -> new MacBound(10, " "));
  }

  /**
   * No plan goes below its MAC bound nor its fold bound, and the fold bound is never below the MAC
   * bound ({@link FoldBoundTest} has the fold bound's own cases; the plans are made once for both).
   */
  @ParameterizedTest(name = "{0} over {1}")
  @CsvSource({"resnet8-cifar, zcu102:1", "resnet8-cifar, zcu102:2", "resnet8-cifar, zcu102:3",
      "shufflenet-tiny, zcu102:2", "shufflenet-tiny, 'f10a-a10gx1150:1,mkubos-zu19eg:1,zcu102:1'"})
  void noPlanBeatsItsBounds(String model, String boards) {
    Plan p = PlannerTest.plan(model, boards, null);
    assertNotNull(p.macBound());
    assertTrue(p.macBound().cycles() <= p.cyclesPerFrame(), p.macBound() + " above the plan's II "
        + p.cyclesPerFrame());
    BoardList list = BoardList.parse(boards, BoardCatalog.builtIn());
    Plan packed = Planner.plan(PlannerTest.graph(model), list, PlanOptions.defaults(list).withDspPacking(true));
    assertTrue(packed.macBound().cycles() <= packed.cyclesPerFrame(), packed.macBound().toString());
    for (Plan plan : List.of(p, packed)) {
      assertNotNull(plan.foldBound(), model + " over " + boards);
      assertTrue(plan.foldBound().cycles() <= plan.cyclesPerFrame(), plan.foldBound() + " above the plan's II "
          + plan.cyclesPerFrame());
      assertTrue(plan.macBound().cycles() <= plan.foldBound().cycles(), plan.macBound() + " above "
          + plan.foldBound());
    }
  }

  @Test
  void channelGroupPlansHaveTheirBoardsBound() {
    BoardList list = BoardList.parse("zcu102:2", BoardCatalog.builtIn());
    Plan p = ChannelGroupPlanner.plan(PlannerTest.graph("shufflenet-tiny"), list, PlanOptions.defaults(list), 100);
    assertNotNull(p.macBound());
    assertTrue(p.macBound().cycles() <= p.cyclesPerFrame(), p.macBound().toString());
    assertTrue(p.macBound().where().startsWith("board #") || p.macBound().where().startsWith("the link pair"),
        p.macBound().where());
    // and their fold bound, the same way
    assertNotNull(p.foldBound());
    assertTrue(p.foldBound().cycles() <= p.cyclesPerFrame(), p.foldBound().toString());
    assertTrue(p.macBound().cycles() <= p.foldBound().cycles(), p.macBound() + " above " + p.foldBound());
    assertTrue(p.foldBound().where().startsWith("board #") || p.foldBound().where().startsWith("the link pair"),
        p.foldBound().where());
  }
}
