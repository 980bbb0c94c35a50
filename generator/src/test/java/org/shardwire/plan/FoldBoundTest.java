package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.Board;

/** The fold bound: the fewest cycles per frame at which a board's engines fit at any of their foldings. */
class FoldBoundTest {
  private static EngineCost cost(long cycles, int multipliers, List<MemoryNeed> memories, long ddrBytes) {
    return new EngineCost(new Folding.Lanes(1), cycles, multipliers, 0, 0, memories, 0, ddrBytes);
  }

  private static EngineCost cost(long cycles, int multipliers) {
    return cost(cycles, multipliers, List.of(), 0);
  }

  private static final Board TEN_MULTIPLIERS = Nets.xilinx("ten", 10, 100, 0, 100_000);

  @Test
  void theFoldingsStepsSetItWhereTheMacBoundSpreadsTheWork() {
    // a: 1,000 cycles on 2 multipliers, 500 on 5, 250 on 9; b: 800 on 3, 400 on 6. At 800 they need
    // 5 + 3 = 8 of 10; anything faster makes b take 6, and a at most 800 cycles already needs 5: 11.
    List<List<EngineCost>> options = List.of(List.of(cost(1_000, 2), cost(500, 5), cost(250, 9)),
        List.of(cost(800, 3), cost(400, 6)));
    FoldBound b = FoldBound.ofBoard("board #0 (a..b)", List.of("a", "b"), options,
        new MemoryAllocator(TEN_MULTIPLIERS), 0);
    assertEquals(800, b.cycles());
    assertEquals("board #0 (a..b): any faster folding of its engines needs 11 multipliers, it has 10", b.where());
    // the MAC bound spreads the least work (2,000 + 2,400) over all ten multipliers: 440, which no folding reaches
    assertEquals(440, MacBound.ofBoard("board #0 (a..b)", List.of("a", "b"), options, 10).cycles());
  }

  @Test
  void anEngineAtItsFastestSetsItWhenTheRestFits() {
    List<List<EngineCost>> options = List.of(List.of(cost(1_000, 1), cost(500, 2)), List.of(cost(900, 0)));
    FoldBound b = FoldBound.ofBoard("board #1 (a..p)", List.of("a", "p"), options,
        new MemoryAllocator(TEN_MULTIPLIERS), 0);
    assertEquals(900, b.cycles());
    assertEquals("board #1 (a..p): p at its fastest folding", b.where());
  }

  @Test
  void memoryBlocksAndWhatTheDdrDeliversSetItWhenMultipliersAreAmple() {
    // Two engines with a 4,096 x 72 weight memory each (eight RAMB36, 36,864 bytes: too deep for LUT
    // RAM) on a board of ten RAMB36 (46,080 bytes); w may instead stream those bytes every frame.
    MemoryNeed weights = new MemoryNeed("weights", 72, 4_096);
    List<List<EngineCost>> options = List.of(
        List.of(cost(100, 1, List.of(weights), 0), cost(100, 1, List.of(), 36_864)),
        List.of(cost(100, 1, List.of(weights), 0)));
    Board tenBlocks = Nets.xilinx("blocks", 100, 10, 0, 1_000);
    MemoryAllocator memory = new MemoryAllocator(tenBlocks);
    // 73,728 bytes of blocks or DDR reads against 46,080 bytes of blocks: the DDR must deliver 27,648
    // bytes a frame, 1,728 cycles at 16 bytes a cycle
    FoldBound b = FoldBound.ofBoard("board #0 (w..x)", List.of("w", "x"), options, memory, 16);
    assertEquals(1_728, b.cycles());
    assertEquals("board #0 (w..x): any faster folding of its engines needs 0.07 MB of memory blocks and DDR reads a "
        + "frame, it has 0.05 MB and its DDR delivers 0.03 MB in that time", b.where());
    // without DDR the two memories never fit
    assertNull(FoldBound.ofBoard("board #0 (w..x)", List.of("w", "x"), options, memory, 0));
  }

  @Test
  void aBoundNeedsCyclesAndWhatSetsThem() {
    assertThrows(IllegalArgumentException.class, () -> new FoldBound(0, "board #0"));
    assertThrows(IllegalArgumentException.class, () -> new FoldBound(10, " "));
  }

  // No plan going below its fold bound, pipelines over several nets and board lists and a channel-group
  // plan: MacBoundTest#noPlanBeatsItsBounds and #channelGroupPlansHaveTheirBoardsBound (the plans are made once for both bounds).
}
