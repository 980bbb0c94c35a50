package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.golden.Quantization;
import org.shardwire.model.Graph;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.QuantizedGraph;

/** The dynamic program against brute force over every split, on random tables and on real networks. */
class PipelinePartitionerTest {

  /** The best split by enumeration: smallest slowest stage, then smallest sum of squared loads. */
  record Best(long slowest, double loadSquares, int feasibleSplits) {}

  static Best bruteForce(int blocks, int boards, PipelinePartitioner.Costs costs) {
    List<int[]> splits = new ArrayList<>();
    enumerate(new int[boards], 1, blocks, boards, splits);
    long slowest = PipelinePartitioner.INFEASIBLE;
    int feasible = 0;
    for (int[] starts : splits) {
      long s = slowest(starts, blocks, costs);
      if (s != PipelinePartitioner.INFEASIBLE) {
        feasible++;
      }
      slowest = Math.min(slowest, s);
    }
    double best = Double.POSITIVE_INFINITY;
    for (int[] starts : splits) {
      if (slowest != PipelinePartitioner.INFEASIBLE && slowest(starts, blocks, costs) == slowest) {
        best = Math.min(best, loadSquares(starts, blocks, costs, slowest));
      }
    }
    return new Best(slowest, best, feasible);
  }

  private static void enumerate(int[] starts, int k, int blocks, int boards, List<int[]> out) {
    if (k == boards) {
      out.add(starts.clone());
      return;
    }
    for (int s = starts[k - 1] + 1; s <= blocks - (boards - k); s++) {
      starts[k] = s;
      enumerate(starts, k + 1, blocks, boards, out);
    }
  }

  static long slowest(int[] starts, int blocks, PipelinePartitioner.Costs costs) {
    long worst = 0;
    for (int k = 0; k < starts.length; k++) {
      int end = k + 1 < starts.length ? starts[k + 1] : blocks;
      long b = costs.board(k, starts[k], end);
      if (b == PipelinePartitioner.INFEASIBLE) {
        return PipelinePartitioner.INFEASIBLE;
      }
      worst = Math.max(worst, b);
      if (k > 0) {
        worst = Math.max(worst, costs.link(k - 1, starts[k]));
      }
    }
    return worst;
  }

  static double loadSquares(int[] starts, int blocks, PipelinePartitioner.Costs costs, long slowest) {
    double sum = 0;
    for (int k = 0; k < starts.length; k++) {
      int end = k + 1 < starts.length ? starts[k + 1] : blocks;
      double l = costs.load(k, starts[k], end, slowest);
      sum += l * l;
    }
    return sum;
  }

  static void assertSameAsBruteForce(int blocks, int boards, PipelinePartitioner.Costs costs, String what) {
    Best best = bruteForce(blocks, boards, costs);
    Optional<PipelinePartitioner.Split> dp = PipelinePartitioner.solve(blocks, boards, costs);
    if (best.slowest() == PipelinePartitioner.INFEASIBLE) {
      assertTrue(dp.isEmpty(), what + ": brute force finds no feasible split, the DP found " + dp);
      return;
    }
    assertTrue(dp.isPresent(), what + ": the DP found nothing, brute force found " + best);
    PipelinePartitioner.Split s = dp.get();
    assertEquals(best.slowest(), s.slowest(), what + ": slowest stage");
    assertEquals(best.loadSquares(), s.loadSquares(), 1e-9 * Math.max(1, best.loadSquares()), what + ": load");
    int[] starts = s.starts().stream().mapToInt(Integer::intValue).toArray();
    assertEquals(0, starts[0]);
    assertEquals(s.slowest(), slowest(starts, blocks, costs), what + ": the split achieves its slowest stage");
    assertEquals(s.loadSquares(), loadSquares(starts, blocks, costs, s.slowest()), 1e-9 * Math.max(1, s.loadSquares()),
        what + ": the split achieves its load");
  }

  /** Random tables: stage costs with infeasible runs, link costs, loads. */
  static PipelinePartitioner.Costs randomCosts(long seed, int blocks, int boards) {
    Random r = new Random(seed);
    long[][][] board = new long[boards][blocks + 1][blocks + 1];
    long[][] loads = new long[blocks + 1][blocks + 1];
    long[][] link = new long[boards][blocks + 1];
    for (int k = 0; k < boards; k++) {
      for (int i = 0; i <= blocks; i++) {
        link[k][i] = r.nextInt(50);
        for (int j = i + 1; j <= blocks; j++) {
          // longer runs cost more and fit less often; small values make ties common
          board[k][i][j] = r.nextInt(6) == 0 && j - i > 1 ? PipelinePartitioner.INFEASIBLE : (j - i) * (1 + r.nextInt(4));
          loads[i][j] = r.nextInt(1000);
        }
      }
    }
    return new PipelinePartitioner.Costs() {
      @Override
      public long board(int k, int first, int end) {
        return board[k][first][end];
      }

      @Override
      public long link(int k, int block) {
        return link[k][block];
      }

      @Override
      public long load(int k, int first, int end, long slowest) {
        return loads[first][end] + k;
      }
    };
  }

  @Test
  void randomTablesMatchBruteForce() {
    int infeasible = 0;
    for (long seed = 0; seed < 400; seed++) {
      int blocks = 1 + (int) (seed % 9);
      int boards = 1 + (int) (seed / 9 % 4);
      PipelinePartitioner.Costs c = randomCosts(seed, blocks, boards);
      if (bruteForce(blocks, boards, c).slowest() == PipelinePartitioner.INFEASIBLE) {
        infeasible++;
      }
      assertSameAsBruteForce(blocks, boards, c, "seed " + seed + " (" + blocks + " blocks, " + boards + " boards)");
    }
    assertTrue(infeasible > 20 && infeasible < 300, "the tables mix feasible and infeasible cases: " + infeasible);
  }

  @Test
  void tooFewBlocksHasNoSplit() {
    assertTrue(PipelinePartitioner.solve(2, 3, randomCosts(1, 2, 3)).isEmpty());
  }

  /** Real planner costs on random conv chains, on small made-up boards so runs often do not fit. */
  @Test
  void randomChainsOnTightBoardsMatchBruteForce() {
    int feasible = 0;
    int infeasible = 0;
    for (long seed = 0; seed < 12; seed++) {
      Graph g = Nets.randomChain(seed, 6 + (int) (seed % 4));
      QuantizedGraph q = Quantization.quantize(g, seed);
      for (int boards = 2; boards <= 3; boards++) {
        BoardList list = new BoardList(Nets.repeat(Nets.xilinx("tight", 25 + 10 * (int) (seed % 3), 2, 0, 20_000), boards),
            "tight:" + boards);
        Planner p = new Planner(q, list, PlanOptions.defaults(list));
        if (p.blockCount() < boards) {
          continue;
        }
        PipelinePartitioner.Costs c = p.costs();
        if (bruteForce(p.blockCount(), boards, c).slowest() == PipelinePartitioner.INFEASIBLE) {
          infeasible++;
        } else {
          feasible++;
        }
        assertSameAsBruteForce(p.blockCount(), boards, c, g.name() + " over " + boards + " boards");
      }
    }
    assertTrue(feasible >= 5 && infeasible >= 1, "feasible " + feasible + ", infeasible " + infeasible);
  }

  @ParameterizedTest(name = "{0} over {1}")
  @CsvSource({"resnet8-cifar, zcu102:2", "resnet8-cifar, zcu102:3", "shufflenet-tiny, zcu102:2",
      "shufflenet-tiny, zcu102:3", "shufflenet-tiny, 'zcu102:1,f10a-a10gx1150:1,mkubos-zu19eg:1'"})
  void zooNetsMatchBruteForce(String model, String boards) {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build(model), 1);
    BoardList list = BoardList.parse(boards, BoardCatalog.builtIn());
    Planner p = new Planner(q, list, PlanOptions.defaults(list).withMaxMultipliersPerEngine(64));
    assertSameAsBruteForce(p.blockCount(), list.size(), p.costs(), model + " over " + boards);
  }
}
