package org.shardwire.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Splits a chain of blocks into contiguous runs, one per board in order, every board getting at
 * least one block, so that the slowest stage is as fast as possible. A stage is a board (its
 * cycles per frame for the run it holds) or a link (its cycles per frame for the tensor crossing
 * its cut); the pipeline's II is the largest of them.
 *
 * <p>Exact, by dynamic programming over cut points: best[k][j] = the smallest possible slowest
 * stage when boards 0..k-1 hold blocks 0..j-1, best[k][j] = min over i of
 * max(best[k-1][i], link into board k-1 at i, board k-1 holding [i, j)). Many splits often share
 * that optimum (one engine that cannot be folded further sets the pace), so a second pass, a DP
 * restricted to runs and links no slower than the optimum, picks among them the split with the
 * smallest sum of squared {@link Costs#load}s (the planner's load: a board's fullest resource
 * once folded just fast enough), which spreads the work evenly; the earliest cut wins ties, so
 * the answer is deterministic. O(boards x blocks^2) look-ups per pass; the caller caches them, and
 * a run whose cheap lower bound ({@link Costs#boardAtLeast}) already shows it cannot improve on the
 * best found, or exceeds the optimum, is never costed exactly (the answer is the same: a folded
 * board is expensive, its bound is not).
 */
public final class PipelinePartitioner {
  /** Marks a run that does not fit its board. */
  public static final long INFEASIBLE = Long.MAX_VALUE;

  /** The stage costs of a problem. */
  public interface Costs {
    /** Cycles per frame of {@code board} holding blocks [first, end), or {@link #INFEASIBLE}. */
    long board(int board, int first, int end);

    /** Cycles per frame of the link from {@code board} to {@code board + 1} carrying the cut before block {@code block}. */
    long link(int board, int block);

    /** The tie-breaker: how loaded {@code board} is holding [first, end) in a pipeline whose II is {@code slowest}. */
    long load(int board, int first, int end, long slowest);

    /**
     * A cheap lower bound on {@link #board} ({@link #INFEASIBLE} when the run cannot fit at all):
     * the search skips a run it shows cannot improve on what it has, without costing it exactly.
     */
    default long boardAtLeast(int board, int first, int end) {
      return 0;
    }
  }

  /** A split: {@code starts.get(k)} is the first block of board k; its slowest stage and its sum of squared loads. */
  public record Split(List<Integer> starts, long slowest, double loadSquares) {
    public Split {
      starts = List.copyOf(starts);
    }

    /** One past the last block of board k. */
    public int end(int k, int blocks) {
      return k + 1 < starts.size() ? starts.get(k + 1) : blocks;
    }
  }

  /** A stage cost of board k-1 taking blocks [i, j) after boards 0..k-2 took [0, i). */
  private interface Stage {
    long cost(int k, int i, int j);
  }

  private PipelinePartitioner() {}

  /** The optimal split, or empty when no split fits (or there are fewer blocks than boards). */
  public static Optional<Split> solve(int blocks, int boards, Costs costs) {
    return solve(blocks, boards, costs, INFEASIBLE);
  }

  /**
   * The optimal split when some split is known whose slowest stage is {@code ceiling}: a stage whose
   * lower bound exceeds it is in no better split, so it is never costed ({@link #INFEASIBLE}: no
   * ceiling). The answer is the same as without one whenever the ceiling is a split's II.
   */
  public static Optional<Split> solve(int blocks, int boards, Costs costs, long ceiling) {
    if (boards < 1 || blocks < boards) {
      return Optional.empty();
    }
    long optimum = minMax(blocks, boards, ceiling, (k, i, j) -> {
      long link = k >= 2 ? costs.link(k - 2, i) : 0;
      long bound = link > ceiling ? INFEASIBLE : Math.max(link, costs.boardAtLeast(k - 1, i, j));
      return bound > ceiling ? INFEASIBLE : bound;
    }, (k, i, j) -> {
      long stage = costs.board(k - 1, i, j);
      if (stage == INFEASIBLE) {
        return INFEASIBLE;
      }
      return k >= 2 ? Math.max(stage, costs.link(k - 2, i)) : stage;
    });
    if (optimum == INFEASIBLE) {
      return Optional.empty();
    }
    int[][] from = new int[boards + 1][blocks + 1];
    double load = minSquares(blocks, boards, costs, optimum, from);
    List<Integer> starts = new ArrayList<>();
    int j = blocks;
    for (int k = boards; k >= 1; k--) {
      int i = from[k][j];
      starts.add(0, i);
      j = i;
    }
    return Optional.of(new Split(starts, optimum, load));
  }

  /**
   * The problem on a subset of the cut points: block b of the result is blocks [starts[b],
   * starts[b+1]) of {@code costs}' problem ({@code starts} begins at 0 and ends at its block count).
   */
  public static Costs coarsened(Costs costs, List<Integer> starts) {
    return new Costs() {
      @Override
      public long board(int board, int first, int end) {
        return costs.board(board, starts.get(first), starts.get(end));
      }

      @Override
      public long link(int board, int block) {
        return costs.link(board, starts.get(block));
      }

      @Override
      public long load(int board, int first, int end, long slowest) {
        return costs.load(board, starts.get(first), starts.get(end), slowest);
      }

      @Override
      public long boardAtLeast(int board, int first, int end) {
        return costs.boardAtLeast(board, starts.get(first), starts.get(end));
      }
    };
  }

  /**
   * min over splits of max over boards of stage(k, i, j); {@code atLeast} bounds stage from below
   * ({@link #INFEASIBLE} where it exceeds the ceiling).
   */
  private static long minMax(int blocks, int boards, long ceiling, Stage atLeast, Stage stage) {
    long[][] best = new long[boards + 1][blocks + 1];
    for (long[] row : best) {
      Arrays.fill(row, INFEASIBLE);
    }
    best[0][0] = 0;
    for (int k = 1; k <= boards; k++) {
      // board k-1 takes blocks [i, j); the boards after it need one block each
      for (int j = k; j <= blocks - (boards - k); j++) {
        for (int i = k - 1; i < j; i++) {
          if (best[k - 1][i] >= best[k][j] || best[k - 1][i] > ceiling || atLeast.cost(k, i, j) >= best[k][j]) {
            continue; // cannot improve on what [k][j] already has (and skips infeasible prefixes)
          }
          long s = stage.cost(k, i, j);
          if (s == INFEASIBLE) {
            continue;
          }
          long worst = Math.max(best[k - 1][i], s);
          best[k][j] = Math.min(best[k][j], worst);
        }
      }
    }
    return best[boards][blocks];
  }

  /**
   * min over splits whose every board and link is no slower than {@code optimum} of the sum of
   * squared loads; records the argmin (earliest i on ties) in {@code from}.
   */
  private static double minSquares(int blocks, int boards, Costs costs, long optimum, int[][] from) {
    double[][] best = new double[boards + 1][blocks + 1];
    for (double[] row : best) {
      Arrays.fill(row, Double.POSITIVE_INFINITY);
    }
    best[0][0] = 0;
    for (int k = 1; k <= boards; k++) {
      for (int j = k; j <= blocks - (boards - k); j++) {
        for (int i = k - 1; i < j; i++) {
          if (Double.isInfinite(best[k - 1][i]) || (k >= 2 && costs.link(k - 2, i) > optimum)
              || costs.boardAtLeast(k - 1, i, j) > optimum || costs.board(k - 1, i, j) > optimum) {
            continue;
          }
          double load = costs.load(k - 1, i, j, optimum);
          double sum = best[k - 1][i] + load * load;
          if (sum < best[k][j]) {
            best[k][j] = sum;
            from[k][j] = i;
          }
        }
      }
    }
    return best[boards][blocks];
  }
}
