package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.Board;
import org.shardwire.boards.MemoryKind;

/** Placement rules: LUT RAM for shallow memories, UltraRAM when it packs better, an exact knapsack when full. */
class MemoryAllocatorTest {

  @Test
  void shallowOrTinyMemoriesGoToLutRam() {
    MemoryAllocator a = new MemoryAllocator(Nets.xilinx("x", 100, 10, 0, 100_000));
    MemoryAllocator.Allocation al = a.allocate(List.of(new MemoryNeed("p", 576, 64), new MemoryNeed("q", 8, 256),
        new MemoryNeed("w", 8, 4096)));
    assertEquals(MemoryPlacement.LUTRAM, al.placed().get(0).placement(), "depth 64");
    assertEquals(576, al.placed().get(0).luts(), "576 x 64 bits at 64 bits per LUT");
    assertEquals(MemoryPlacement.LUTRAM, al.placed().get(1).placement(), "2048 bits");
    assertEquals(MemoryPlacement.RAMB36, al.placed().get(2).placement());
    assertEquals(1.0, al.blocks(MemoryKind.RAMB36), "4K x 9 mode");
    Board intel = Nets.intel("i", 100, 10, 100_000);
    MemoryAllocator.Allocation m = new MemoryAllocator(intel).allocate(List.of(new MemoryNeed("a", 80, 48),
        new MemoryNeed("b", 20, 1024), new MemoryNeed("c", 80, 32)));
    assertEquals(MemoryPlacement.M20K, m.placed().get(0).placement(), "Intel MLAB only up to depth 32");
    assertEquals(MemoryPlacement.LUTRAM, m.placed().get(2).placement());
    assertEquals(2.0 + 1.0, m.blocks(MemoryKind.M20K), "80 bits in 512 x 40: 2; 20 x 1024: 1");
  }

  @Test
  void ultraRamWhenItTakesFewerBitsOfSilicon() {
    MemoryAllocator a = new MemoryAllocator(Nets.xilinx("x", 100, 1000, 10, 100_000));
    // 72 x 4096: one URAM (288 Kb) vs 8 RAMB36 (288 Kb): a tie stays in block RAM
    // 144 x 4096: 2 URAM vs 16.5 RAMB36 (18 x 512 x 72 ... best mode) -> URAM
    MemoryAllocator.Allocation al = a.allocate(List.of(new MemoryNeed("tie", 72, 4096), new MemoryNeed("u", 64, 8192)));
    assertEquals(MemoryPlacement.RAMB36, al.placed().get(0).placement());
    assertEquals(8.0, al.placed().get(0).blocks());
    // 64 x 8192: 2 URAM (576 Kb) vs RAMB36 64 bits in 512x72 -> 16 x 1 = 16 (576 Kb): tie too
    assertEquals(MemoryPlacement.RAMB36, al.placed().get(1).placement());
    MemoryAllocator.Allocation deep = a.allocate(List.of(new MemoryNeed("d", 16, 16384)));
    // 16 x 16384: URAM 4 (1152 Kb) vs RAMB36 in 4K x 9: 2 x 4 = 8 (288 Kb): block RAM
    assertEquals(MemoryPlacement.RAMB36, deep.placed().get(0).placement());
    MemoryAllocator.Allocation wide = a.allocate(List.of(new MemoryNeed("w", 72, 3000)));
    // 72 x 3000: URAM 1 vs RAMB36 in 512 x 72: 6 -> 6 RAMB36 = 216 Kb < 288 Kb: block RAM
    assertEquals(MemoryPlacement.RAMB36, wide.placed().get(0).placement());
    MemoryAllocator.Allocation narrowDeep = a.allocate(List.of(new MemoryNeed("n", 70, 4096)));
    // 70 x 4096: URAM 1 vs RAMB36 8 (512x72 x 8): tie -> RAMB36; at 63 x 4096: 4096x9 -> 7 x 1 = 7 < 8
    assertEquals(MemoryPlacement.RAMB36, narrowDeep.placed().get(0).placement());
  }

  @Test
  void overflowingBlockRamMovesWhatFreesMostIntoUltraRam() {
    // URAM holds 104 blocks. Three memories (RAMB36 / URAM blocks), all preferring block RAM:
    // A 240/32, B 522/72, C 500/125 (too big for URAM). Block RAM alone would need 1262 of 984;
    // A and B in URAM (exactly 104) leave 500.
    Board b = Nets.xilinx("x", 100, 984, 104, 100_000);
    MemoryAllocator a = new MemoryAllocator(b);
    MemoryNeed ma = new MemoryNeed("A", 128, 65536);
    MemoryNeed mb = new MemoryNeed("B", 256, 73728);
    MemoryNeed mc = new MemoryNeed("C", 32, 512000);
    assertEquals(240.0, a.options(ma).ramb36());
    assertEquals(32.0, a.options(ma).uram());
    assertEquals(522.0, a.options(mb).ramb36());
    assertEquals(72.0, a.options(mb).uram());
    assertEquals(500.0, a.options(mc).ramb36());
    assertEquals(125.0, a.options(mc).uram());
    MemoryAllocator.Allocation al = a.allocate(List.of(ma, mb, mc));
    assertEquals(500.0, al.blocks(MemoryKind.RAMB36));
    assertEquals(104.0, al.blocks(MemoryKind.URAM288));
    assertEquals(MemoryPlacement.RAMB36, al.placed().get(2).placement());
  }

  @Test
  void fitsWheneverSomePlacementFits() {
    // random memories and budgets: the allocator finds a fitting placement exactly when brute
    // force over every block-RAM / UltraRAM assignment finds one
    Random r = new Random(7);
    int tight = 0;
    for (int trial = 0; trial < 300; trial++) {
      List<MemoryNeed> needs = new ArrayList<>();
      int n = 3 + r.nextInt(8);
      for (int i = 0; i < n; i++) {
        needs.add(new MemoryNeed("m" + i, List.of(8, 16, 32, 64, 72, 128, 256, 512).get(r.nextInt(8)),
            4096 * (1 + r.nextInt(12)) - r.nextInt(3) * 1000));
      }
      Board probe = Nets.xilinx("probe", 10, 100_000, 100_000, 1_000_000);
      MemoryAllocator p = new MemoryAllocator(probe);
      double bramAll = 0;
      for (MemoryNeed m : needs) {
        bramAll += p.options(m).ramb36();
      }
      int uramCap = r.nextInt(60);
      int bramCap = (int) (bramAll * (0.2 + 0.8 * r.nextDouble()));
      Board b = Nets.xilinx("b", 10, bramCap, uramCap, 1_000_000);
      MemoryAllocator a = new MemoryAllocator(b);
      boolean exists = false;
      for (int mask = 0; mask < (1 << n) && !exists; mask++) {
        double bram = 0;
        double uram = 0;
        for (int i = 0; i < n; i++) {
          if ((mask >> i & 1) == 1) {
            uram += a.options(needs.get(i)).uram();
          } else {
            bram += a.options(needs.get(i)).ramb36();
          }
        }
        exists = bram <= bramCap && uram <= uramCap;
      }
      MemoryAllocator.Allocation al = a.allocate(needs);
      boolean fits = al.blocks(MemoryKind.RAMB36) <= bramCap && al.blocks(MemoryKind.URAM288) <= uramCap;
      assertEquals(exists, fits, "trial " + trial + ": " + needs + " in " + bramCap + " RAMB36 + " + uramCap + " URAM");
      if (exists && p.allocate(needs).blocks(MemoryKind.URAM288) == 0 && bramAll > bramCap) {
        tight++;
      }
    }
    assertTrue(tight > 20, "enough trials need UltraRAM to fit: " + tight);
  }

  @Test
  void equalRatiosGoToUltraRamInMemoryOrder() {
    // two memories of one shape (240 RAMB36 or 32 URAM each), room for one in UltraRAM: the first takes it
    Board b = Nets.xilinx("x", 100, 300, 40, 100_000);
    MemoryAllocator a = new MemoryAllocator(b);
    MemoryAllocator.Allocation al = a.allocate(List.of(new MemoryNeed("first", 128, 65536),
        new MemoryNeed("second", 128, 65536)));
    assertEquals(MemoryPlacement.URAM288, al.placed().get(0).placement());
    assertEquals(MemoryPlacement.RAMB36, al.placed().get(1).placement());
  }

  @Test
  void totalsAreTheFullPlacementSummed() {
    // the folder's fast totals place exactly as allocate does, whichever path the placement takes
    Random r = new Random(11);
    int rebalanced = 0;
    for (int trial = 0; trial < 300; trial++) {
      Board b = Nets.xilinx("b", 10, 50 + r.nextInt(400), r.nextInt(60), 1_000_000);
      MemoryAllocator a = new MemoryAllocator(b);
      List<MemoryNeed> needs = new ArrayList<>();
      int n = 1 + r.nextInt(30);
      for (int i = 0; i < n; i++) {
        needs.add(new MemoryNeed("m" + r.nextInt(5), List.of(8, 9, 16, 32, 64, 72, 128).get(r.nextInt(7)),
            r.nextBoolean() ? 32 : 1024 * (1 + r.nextInt(40))));
      }
      MemoryAllocator.Options[] opt = new MemoryAllocator.Options[n];
      for (int i = 0; i < n; i++) {
        opt[i] = a.options(needs.get(i));
      }
      double reserved = r.nextInt(3);
      MemoryAllocator.Allocation al = a.allocate(needs, reserved);
      MemoryAllocator.Totals t = a.totals(opt, reserved);
      assertEquals(al.blocks(MemoryKind.RAMB36), t.first(), "trial " + trial);
      assertEquals(al.blocks(MemoryKind.URAM288), t.uram(), "trial " + trial);
      assertEquals(al.luts(), t.lutramLuts(), "trial " + trial);
      double[] preferred = a.preferred(needs);
      if (preferred[0] != t.first() || preferred[1] != t.uram()) {
        rebalanced++;
      }
    }
    assertTrue(rebalanced > 30, "enough trials re-choose the UltraRAM set: " + rebalanced);
  }

  @Test
  void ratioLabelsFollowTheRatios() {
    // inserting ever closer to one end exhausts the gaps and forces the labels to be spread again
    RatioOrder order = new RatioOrder();
    List<Double> ratios = new ArrayList<>();
    Random r = new Random(3);
    for (int i = 0; i < 200; i++) {
      ratios.add(1.0 / (i + 1));
      ratios.add(r.nextDouble() * 100);
    }
    List<RatioOrder.Label> labels = new ArrayList<>();
    for (double x : ratios) {
      labels.add(order.of(x));
    }
    assertTrue(order.of(ratios.get(5)) == labels.get(5), "a ratio seen keeps its label");
    for (int i = 0; i < ratios.size(); i++) {
      for (int j = 0; j < ratios.size(); j++) {
        assertEquals(Integer.signum(Double.compare(ratios.get(i), ratios.get(j))),
            Integer.signum(Integer.compare(labels.get(i).value(), labels.get(j).value())), ratios.get(i) + " vs " + ratios.get(j));
      }
    }
  }

  @Test
  void aChangedMiddleSortsAsAFreshPlacement() {
    // the folder's pattern: the same memories but one engine's, changed again and again; the
    // allocator then reuses its last order for the rest, and must place as an allocator that sorts afresh
    Random r = new Random(5);
    Board b = Nets.xilinx("b", 10, 400, 40, 1_000_000);
    MemoryAllocator reused = new MemoryAllocator(b);
    List<MemoryNeed> needs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      needs.add(randomNeed(r));
    }
    int rebalanced = 0;
    for (int step = 0; step < 400; step++) {
      int from = r.nextInt(needs.size());
      int to = Math.min(needs.size(), from + r.nextInt(4));
      List<MemoryNeed> next = new ArrayList<>(needs.subList(0, from));
      for (int k = r.nextInt(5); k > 0; k--) {
        next.add(randomNeed(r));
      }
      next.addAll(needs.subList(to, needs.size()));
      if (next.size() < 10 || r.nextInt(5) > 0) {
        needs = next; // else: weigh the change but keep the old set, as the folder does for a rejected one
      }
      List<MemoryNeed> tried = next;
      MemoryAllocator fresh = new MemoryAllocator(b);
      MemoryAllocator.Allocation expect = fresh.allocate(tried);
      MemoryAllocator.Options[] opt = new MemoryAllocator.Options[tried.size()];
      for (int i = 0; i < opt.length; i++) {
        opt[i] = reused.options(tried.get(i));
      }
      MemoryAllocator.Totals t = reused.totals(opt, 0);
      assertEquals(expect.blocks(MemoryKind.RAMB36), t.first(), "step " + step);
      assertEquals(expect.blocks(MemoryKind.URAM288), t.uram(), "step " + step);
      assertEquals(expect.luts(), t.lutramLuts(), "step " + step);
      assertEquals(expect.placed(), reused.allocate(tried).placed(), "step " + step);
      if (reused.preferred(tried)[1] != t.uram()) {
        rebalanced++;
      }
    }
    assertTrue(rebalanced > 40, "enough steps re-choose the UltraRAM set: " + rebalanced);
  }

  private static MemoryNeed randomNeed(Random r) {
    return new MemoryNeed("m" + r.nextInt(3), List.of(8, 9, 16, 32, 64, 72, 128).get(r.nextInt(7)),
        1024 * (1 + r.nextInt(40)));
  }
}
