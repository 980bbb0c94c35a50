package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;

/**
 * A board's fastest fold is the fastest of its climbs ({@link BoardFolder#fastest}): the greedy
 * climb is not monotone in its target, so aiming just below what it reached can end faster.
 */
class FastestFoldTest {
  private static final PlanOptions OPTIONS = PlanOptions.defaults(BoardList.parse("zcu102:1", BoardCatalog.builtIn()));

  @Test
  void keepsAimingBelowTheBestUntilNoFasterFoldFits() {
    List<List<EngineCost>> opts = new ArrayList<>();
    for (EngineSpec s : EngineSpecs.of(PlannerTest.graph("resnet8-cifar"))) {
      opts.add(CostModel.options(s, OPTIONS));
    }
    BoardFolder zcu = new BoardFolder(BoardCatalog.builtIn().board("zcu102"));
    BoardFolder.Result fast = zcu.fold(opts, 0, 0);
    BoardFolder.Result slow = zcu.fold(opts, 0, fast.cycles() * 4);
    BoardFolder.Result slower = zcu.fold(opts, 0, fast.cycles() * 16);
    BoardFolder.Result noFit = new BoardFolder(Nets.xilinx("tiny", 20, 1, 0, 50_000)).fold(opts, 0, 0);
    assertTrue(slower.cycles() > slow.cycles() && slow.cycles() > fast.cycles() && !noFit.fits());

    // a climb to no target that stops at the slowest fold; aiming below it ends faster, aiming below that, faster still
    Map<Long, BoardFolder.Result> climbs = Map.of(0L, slower, slower.cycles() - 1, slow, slow.cycles() - 1, fast,
        fast.cycles() - 1, noFit);
    assertEquals(fast, BoardFolder.fastest(climbs::get));
    // a lower aim that ends no faster stops the search
    Map<Long, BoardFolder.Result> worse = Map.of(0L, slow, slow.cycles() - 1, slower);
    assertEquals(slow, BoardFolder.fastest(worse::get));
  }

  @Test
  void resNet50sLayer3And4BoardFoldsFasterThanItsPlainClimb() {
    // Measured 2026-11-28: the climb to no target stops at 705,600 cycles on this range, the
    // climb aiming for 702,463 reaches 677,376 (a streamed folding of layer4.0 taken as an
    // ordinary step only under a target). The partitioner must see the faster one.
    BoardList boards = BoardList.parse("mkubos-zu19eg:4", BoardCatalog.builtIn());
    org.shardwire.quant.QuantizedGraph resnet50 = PlannerTest.graph("resnet50");
    Planner p = new Planner(resnet50, boards, PlanOptions.defaults(boards));
    int first = p.blockStartingAt("layer3.2.conv1.relu"); // after layer3.1's add
    int end = p.blockStartingAt("layer4.1.conv1.relu"); // after layer4.0's add
    long plain = p.refold(2, first, end, 0).cycles();
    long fastest = p.costs().board(2, first, end);
    assertTrue(fastest < plain, "fastest " + fastest + " vs the plain climb's " + plain);
    BoardFolder.Result lower = p.refold(2, first, end, fastest - 1);
    assertFalse(lower.fits() && lower.cycles() < fastest, "a climb aiming below " + fastest + " reached "
        + lower.cycles());
  }
}
