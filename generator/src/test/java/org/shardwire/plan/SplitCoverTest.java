package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SplitCover} against brute force over every split, with a weak quick test and an exact one. */
class SplitCoverTest {
  /** Boards fit a run when its blocks' work is at most T (exactly) or at most 80% of T (the quick test). */
  private record Work(long[] work, long[] links) implements SplitCover.Runs {
    long sum(int first, int end) {
      long s = 0;
      for (int b = first; b < end; b++) {
        s += work[b];
      }
      return s;
    }

    @Override
    public boolean fitsQuickly(int k, int first, int end, long target) {
      return sum(first, end) * 10 <= target * 8;
    }

    @Override
    public boolean fitsExactly(int k, int first, int end, long target) {
      return sum(first, end) <= target;
    }

    @Override
    public long link(int k, int end) {
      return links[end];
    }
  }

  /** The lowest max over boards of max(work, outgoing link) over every split, by enumeration. */
  private static long bruteForce(Work w, int boards, int first, int k) {
    int blocks = w.work().length;
    if (k + 1 == boards) {
      return w.sum(first, blocks);
    }
    long best = Long.MAX_VALUE;
    for (int end = first + 1; end <= blocks - (boards - 1 - k); end++) {
      long here = Math.max(w.sum(first, end), w.links()[end]);
      best = Math.min(best, Math.max(here, bruteForce(w, boards, end, k + 1)));
    }
    return best;
  }

  /** Without links that bind, the longest run per board is never worse: the cover finds the best split. */
  @Test
  void findsTheLowestIiOfAnySplit() {
    Random r = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int blocks = 2 + r.nextInt(9);
      int boards = 1 + r.nextInt(Math.min(4, blocks));
      long[] work = new long[blocks];
      long[] links = new long[blocks + 1];
      List<Long> candidates = new ArrayList<>();
      for (int b = 0; b < blocks; b++) {
        work[b] = 1 + r.nextInt(50);
        links[b + 1] = 0;
      }
      for (long t = 1; t <= 600; t++) {
        candidates.add(t);
      }
      Work w = new Work(work, links);
      SplitCover.Found f = SplitCover.lowest(blocks, boards, candidates, w);
      long expected = bruteForce(w, boards, 0, 0);
      assertEquals(expected, f.target(), "trial " + trial + " boards " + boards + " work " + java.util.Arrays.toString(work));
      assertEquals(boards, f.starts().size());
      assertEquals(0, f.starts().get(0));
    }
  }

  @Test
  void aLinkTooSlowForTheIiMovesTheCut() {
    // work 10 | 10 | 10 | 10 over two boards: 20 + 20 at T = 20, but the cut after block 2 takes 25
    Work w = new Work(new long[] {10, 10, 10, 10}, new long[] {0, 0, 25, 0, 0});
    SplitCover.Found f = SplitCover.lowest(4, 2, List.of(20L, 25L, 30L, 40L), w);
    assertEquals(25L, f.target());
    assertEquals(List.of(0, 2), f.starts());
    assertEquals(List.of(0, 1), SplitCover.cover(4, 2, 30, new Work(new long[] {10, 10, 10, 10},
        new long[] {0, 0, 40, 40, 0})));
  }

  @Test
  void noCandidateThatFitsGivesNone() {
    Work w = new Work(new long[] {10, 10, 10}, new long[] {0, 0, 0, 0});
    assertNull(SplitCover.lowest(3, 2, List.of(5L, 9L, 19L), w));
    assertEquals(20L, SplitCover.lowest(3, 2, List.of(5L, 9L, 19L, 20L, 30L), w).target());
  }
}
