package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;

/** Folding within a board: within budget, balanced (the slowest engine cannot get faster), stops at a target. */
class BoardFolderTest {

  private static List<List<EngineCost>> options(String model, PlanOptions o) {
    List<List<EngineCost>> all = new ArrayList<>();
    for (EngineSpec s : EngineSpecs.of(PlannerTest.graph(model))) {
      all.add(CostModel.options(s, o));
    }
    return all;
  }

  private static final PlanOptions OPTIONS = PlanOptions.defaults(BoardList.parse("zcu102:1", BoardCatalog.builtIn()));

  @Test
  void foldedBoardIsWithinBudgetAndItsSlowestEngineCannotGetFaster() {
    for (Board b : List.of(Nets.xilinx("small", 300, 40, 0, 50_000), Nets.intel("smalli", 200, 60, 40_000))) {
      BoardFolder f = new BoardFolder(b);
      List<List<EngineCost>> opts = options("resnet8-cifar", OPTIONS);
      BoardFolder.Result r = f.fold(opts, 0, 0);
      assertTrue(r.fits(), b.id() + ": " + r.shortfalls());
      assertTrue(r.usage().multipliers() <= b.multipliers());
      assertEquals(r.usage().multipliers(), r.chosen().stream().mapToInt(EngineCost::multipliers).sum());
      int slow = 0;
      for (int i = 0; i < r.chosen().size(); i++) {
        if (r.chosen().get(i).cycles() > r.chosen().get(slow).cycles()) {
          slow = i;
        }
      }
      // every faster folding of the slowest engine breaks the budget: the board is as fast as it can get greedily
      for (EngineCost faster : opts.get(slow)) {
        if (faster.cycles() < r.cycles()) {
          List<EngineCost> tried = new ArrayList<>(r.chosen());
          tried.set(slow, faster);
          assertFalse(f.usage(tried, 0).fits(b), b.id() + ": " + faster.folding().label() + " would still fit");
        }
      }
      // and it got much faster than unfolded
      long unfolded = opts.stream().mapToLong(o -> o.get(0).cycles()).max().orElseThrow();
      assertTrue(r.cycles() * 2 < unfolded, r.cycles() + " vs " + unfolded);
    }
  }

  @Test
  void targetStopsTheClimbWithFewerMultipliers() {
    BoardFolder f = new BoardFolder(BoardCatalog.builtIn().board("zcu102"));
    List<List<EngineCost>> opts = options("shufflenet-tiny", OPTIONS);
    BoardFolder.Result fast = f.fold(opts, 0, 0);
    long target = fast.cycles() * 8;
    BoardFolder.Result slow = f.fold(opts, 0, target);
    assertTrue(slow.cycles() <= target);
    assertTrue(slow.cycles() > fast.cycles());
    assertTrue(slow.usage().multipliers() < fast.usage().multipliers());
  }

  /**
   * The limit says why the II is not lower: a resource when the slowest engine's next folding does
   * not fit, the pipeline when the board stopped at a target it could beat, full parallelism when
   * there is no faster folding at all.
   */
  @Test
  void theLimitNamesWhatStoppedTheFolding() {
    Board small = Nets.xilinx("small", 300, 40, 0, 50_000);
    BoardFolder f = new BoardFolder(small);
    List<List<EngineCost>> opts = options("resnet8-cifar", OPTIONS);
    BoardFolder.Result fast = f.fold(opts, 0, 0);
    assertEquals(FoldLimit.Reason.RESOURCE, fast.limit().reason());
    assertEquals(fast.cycles(), fast.chosen().get(fast.limit().engine()).cycles(), "the limit names a slowest engine");
    List<EngineCost> tried = new ArrayList<>(fast.chosen());
    EngineCost faster = opts.get(fast.limit().engine()).stream().filter(c -> c.cycles() < fast.cycles()).findFirst()
        .orElseThrow();
    tried.set(fast.limit().engine(), faster);
    assertTrue(f.usage(tried, 0).shortfalls(small).stream().anyMatch(s -> s.resource().equals(fast.limit().resource())),
        "the next faster folding runs short of " + fast.limit().resource());

    BoardFolder.Result relaxed = f.fold(opts, 0, fast.cycles() * 4);
    assertEquals(FoldLimit.Reason.PIPELINE, relaxed.limit().reason());
    // Stopped exactly at its own best II, it is still bound by the resource, not by the pipeline.
    assertEquals(FoldLimit.Reason.RESOURCE, f.fold(opts, 0, fast.cycles()).limit().reason());

    Board huge = Nets.xilinx("huge", 1_000_000, 100_000, 0, 100_000_000);
    BoardFolder.Result unfolded = new BoardFolder(huge).fold(opts, 0, 0);
    assertEquals(FoldLimit.Reason.UNFOLDED, unfolded.limit().reason());
  }

  @Test
  void boardTooSmallReportsItsShortfall() {
    Board tiny = Nets.xilinx("tiny", 20, 1, 0, 50_000);
    BoardFolder.Result r = new BoardFolder(tiny).fold(options("resnet8-cifar", OPTIONS), 0, 0);
    assertFalse(r.fits());
    Shortfall worst = r.shortfalls().get(0);
    assertTrue(worst.needed() > worst.available());
    assertTrue(worst.describe("a..b").matches("needs [0-9.]+ \\S+( multipliers)? for layers a\\.\\.b, has [0-9.]+ "
        + "\\(short by [0-9.]+\\)"), worst.describe("a..b"));
  }

  @Test
  void memoryRepairMakesUltraRamUsable() {
    // all layer4.1 weights (4.5 MB) do not fit one ZU19EG's block RAM as 8-bit-wide memories;
    // with wider foldings the UltraRAM takes them
    Board zu19 = BoardCatalog.builtIn().board("mkubos-zu19eg");
    List<EngineSpec> specs = EngineSpecs.of(PlannerTest.graph("resnet50"));
    List<List<EngineCost>> opts = new ArrayList<>();
    for (EngineSpec s : specs) {
      if (s.node().startsWith("layer4.1.")) {
        opts.add(CostModel.options(s, OPTIONS));
      }
    }
    BoardFolder f = new BoardFolder(zu19);
    List<EngineCost> unfolded = opts.stream().map(o -> o.get(0)).toList();
    assertFalse(f.usage(unfolded, 2).fits(zu19), "unfolded does not fit");
    BoardFolder.Result r = f.fold(opts, 2, 0);
    assertTrue(r.fits(), r.shortfalls().toString());
    assertTrue(r.usage().memory().blocks(org.shardwire.boards.MemoryKind.URAM288) > 64);
  }
}
