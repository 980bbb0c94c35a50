package org.shardwire.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The lowest II at which a pipeline split exists whose every board fits, asked of a board fold
 * that may be exact ({@link ExactBoardFolder}): at an II T the blocks are covered from the first
 * board on, each board taking the longest run that fits at T and whose outgoing link carries a
 * frame within T, the last board the rest; T is bisected over the candidate IIs. While links keep
 * up, a later start never makes the boards after it harder to fit, so the longest runs find a
 * split at T whenever one exists; where a slow link forces a cut back, a split may be missed
 * (the caller then keeps the partitioner's).
 *
 * <p>The partitioner ({@link PipelinePartitioner}) searches splits over the greedy fold's
 * figures, which the greedy climb sets too high where a board is held by memory; this search
 * only asks "fits at T", which the exact fold answers, and so finds splits the partitioner
 * cannot see.
 */
final class SplitCover {
  /** What the cover asks of a board holding a run of blocks. */
  interface Runs {
    /** Whether board k fits blocks [first, end) at an II of at most {@code target}, cheaply (no exact search). */
    boolean fitsQuickly(int k, int first, int end, long target);

    /** Whether board k fits blocks [first, end) at an II of at most {@code target}, searching exactly. */
    boolean fitsExactly(int k, int first, int end, long target);

    /** Cycles a frame of the link from board k over the cut before block {@code end}. */
    long link(int k, int end);
  }

  private SplitCover() {}

  /**
   * The starts of a split of {@code blocks} over {@code boards} whose boards all fit at
   * {@code target}, or null when covering fails. Each board's run is grown by bisection on the
   * quick test, then block by block on the exact one, then cut back to the last block whose link
   * out keeps up.
   */
  static List<Integer> cover(int blocks, int boards, long target, Runs runs) {
    List<Integer> starts = new ArrayList<>();
    int first = 0;
    for (int k = 0; k < boards; k++) {
      starts.add(first);
      if (k + 1 == boards) {
        return fits(runs, k, first, blocks, target) ? starts : null;
      }
      // A board that fits a run fits every shorter one: bisect on the quick test, then extend exactly.
      int last = blocks - (boards - 1 - k);
      int lo = first + 1;
      int hi = last;
      int end = first;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (runs.fitsQuickly(k, first, mid, target)) {
          end = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      while (end < last && fits(runs, k, first, end + 1, target)) {
        end++;
      }
      // The link out need not shrink with the run: take the longest run whose link keeps up.
      while (end > first && runs.link(k, end) > target) {
        end--;
      }
      if (end == first) {
        return null;
      }
      first = end;
    }
    return null;
  }

  private static boolean fits(Runs runs, int k, int first, int end, long target) {
    return runs.fitsQuickly(k, first, end, target) || runs.fitsExactly(k, first, end, target);
  }

  /**
   * The lowest of {@code candidates} (ascending IIs) at which {@link #cover} succeeds, with its
   * starts, by bisection (a cover at T is one at any higher T); null when none does.
   */
  static Found lowest(int blocks, int boards, List<Long> candidates, Runs runs) {
    Found found = null;
    int lo = 0;
    int hi = candidates.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      List<Integer> starts = cover(blocks, boards, candidates.get(mid), runs);
      if (starts != null) {
        found = new Found(starts, candidates.get(mid));
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    return found;
  }

  /** A split's starts, and the II its boards were found to fit at. */
  record Found(List<Integer> starts, long target) {}
}
