package org.shardwire.plan;

import java.util.List;
import java.util.Locale;
import org.shardwire.boards.Board;
import org.shardwire.boards.MemoryKind;

/**
 * The fewest cycles per frame at which a board's engines could fit at all, whatever folding each
 * takes: at an II of T every engine needs a folding of at most T cycles, and then at least the
 * fewest multipliers of such a folding, and at least the fewest bytes of memory plus DDR reads a
 * frame of such a folding. The board must hold the multipliers; its memory blocks plus what its
 * DDR delivers in T cycles must hold the memories that cannot go to LUT RAM (each at its cheapest
 * placement, {@link MemoryAllocator#blockOnlyBits}) and the DDR reads; and the same with its LUT
 * RAM added ({@link MemoryAllocator#LUTRAM_BITS_PER_LUT} bits per logic unit) must hold every
 * memory ({@link MemoryAllocator#blockBits}) and the reads. Each engine's minimum may come from a
 * different folding, no memory shares a block, no logic is left out of the LUT RAM and branch
 * FIFOs are not counted, so no plan of this structure goes below the figure; the planner's plans
 * are measured against it (docs/planner.md, "The fold bound").
 *
 * <p>It is never below the {@link MacBound}: an engine's fewest multipliers at T, for T cycles,
 * is at least its least MAC work. Where the MAC bound spreads the work evenly over every
 * multiplier, this one counts the steps of the foldings on offer (a conv one step faster may need
 * a fifth more multipliers) and the requantizers, and adds memory and DDR.
 */
public record FoldBound(long cycles, String where) implements Bound {
  public FoldBound {
    if (cycles < 1 || where == null || where.isBlank()) {
      throw new IllegalArgumentException("a fold bound needs cycles >= 1 and what sets them, got " + cycles + ", "
          + where);
    }
  }

  /** Marks engines that cannot fit a board at any II. */
  static final long NEVER = Long.MAX_VALUE;

  /**
   * The bound of one board holding engines {@code nodes} with {@code options}; {@code name} names it
   * (e.g. "board #0 (conv1.relu..fc)"); {@code ddrBytesPerCycle} is what its DDR delivers (0 without).
   * Null when no II lets them fit.
   */
  static FoldBound ofBoard(String name, List<String> nodes, List<List<EngineCost>> options, MemoryAllocator memory,
      double ddrBytesPerCycle) {
    Board board = memory.board();
    List<List<Option>> sized = sized(options, memory);
    long t = cycles(sized, board, ddrBytesPerCycle);
    if (t == NEVER) {
      return null;
    }
    Need at = need(sized, t - 1);
    int slowest = -1;
    for (int i = 0; i < sized.size(); i++) {
      slowest = fastestCycles(sized.get(i)) == t ? i : slowest;
    }
    if (slowest >= 0) {
      return new FoldBound(t, name + ": " + nodes.get(slowest) + " at its fastest folding");
    }
    if (at.multipliers() > board.multipliers()) {
      return new FoldBound(t, name + String.format(Locale.ROOT, ": any faster folding of its engines needs %,d "
          + "multipliers, it has %,d", at.multipliers(), board.multipliers()));
    }
    boolean blocks = at.blockBytes() > blockBytes(board) + ddrBytesPerCycle * (t - 1);
    return new FoldBound(t, name + String.format(Locale.ROOT, ": any faster folding of its engines needs %.2f MB of "
        + "%s and DDR reads a frame, it has %.2f MB and its DDR delivers %.2f MB in that time",
        (blocks ? at.blockBytes() : at.bytes()) / 1e6, blocks ? "memory blocks" : "memory",
        (blocks ? blockBytes(board) : capacityBytes(board)) / 1e6, ddrBytesPerCycle * (t - 1) / 1e6));
  }

  /** Each option's cycles, multipliers and least memory bytes (blocks only; with LUT RAM) plus DDR reads. */
  private static List<List<Option>> sized(List<List<EngineCost>> options, MemoryAllocator memory) {
    return options.stream().map(o -> o.stream().map(c -> {
      List<MemoryNeed> own = engineOwn(c);
      return new Option(c.cycles(), c.multipliers(), memory.blockOnlyBits(own) / 8 + c.ddrBytesPerFrame(),
          memory.blockBits(own) / 8 + c.ddrBytesPerFrame());
    }).toList()).toList();
  }

  /**
   * The memories the engine builds itself: the branch FIFO in front of it is left out, since the
   * board's FIFOs are sized once its foldings are known ({@link PlannedBranchFifos}) and may differ
   * from the option's (leaving memory out keeps the bound a bound).
   */
  private static List<MemoryNeed> engineOwn(EngineCost c) {
    return c.memories().stream().filter(m -> !m.name().equals(CostModel.BRANCH_FIFO)).toList();
  }

  /** The least II at which engines with {@code options} fit {@code board}, or {@link #NEVER}. */
  private static long cycles(List<List<Option>> options, Board board, double ddrBytesPerCycle) {
    long lo = 1;
    long slowestOption = 1;
    for (List<Option> o : options) {
      lo = Math.max(lo, fastestCycles(o));
      for (Option c : o) {
        slowestOption = Math.max(slowestOption, c.cycles());
      }
    }
    // At or past the slowest folding of every engine the needs stop falling: beyond it only the DDR's share grows.
    long hi = Math.max(lo, slowestOption);
    Need most = need(options, hi);
    if (most.multipliers() > board.multipliers()) {
      return NEVER;
    }
    double shortfall = Math.max(most.bytes() - capacityBytes(board), most.blockBytes() - blockBytes(board));
    if (shortfall > 0) {
      if (ddrBytesPerCycle <= 0) {
        return NEVER;
      }
      hi = Math.max(hi, (long) Math.ceil(shortfall / ddrBytesPerCycle));
    }
    while (lo < hi) { // the smallest fitting II: fitting is monotone in it (needs fall, the DDR's share grows)
      long mid = lo + (hi - lo) / 2;
      if (fits(need(options, mid), board, ddrBytesPerCycle, mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Bytes of on-chip memory the board could give memories: every block's bits and its LUT RAM. */
  static double capacityBytes(Board board) {
    return blockBytes(board) + (double) board.logic() * MemoryAllocator.LUTRAM_BITS_PER_LUT / 8;
  }

  /** Bytes of the board's memory blocks. */
  static double blockBytes(Board board) {
    double bits = 0;
    for (MemoryKind k : board.memoryKinds()) {
      bits += (double) board.memoryBlocks(k) * k.bitsPerBlock();
    }
    return bits / 8;
  }

  private static boolean fits(Need n, Board board, double ddrBytesPerCycle, long t) {
    double ddr = ddrBytesPerCycle * t;
    return n.multipliers() <= board.multipliers() && n.blockBytes() <= blockBytes(board) + ddr
        && n.bytes() <= capacityBytes(board) + ddr;
  }

  /** What engines with {@code options} need at least at an II of {@code t} (multipliers NEVER when one cannot run that fast). */
  private static Need need(List<List<Option>> options, long t) {
    long multipliers = 0;
    double blockBytes = 0;
    double bytes = 0;
    for (List<Option> o : options) {
      long m = NEVER;
      double block = Double.POSITIVE_INFINITY;
      double any = Double.POSITIVE_INFINITY;
      for (Option c : o) {
        if (c.cycles() <= t) {
          m = Math.min(m, c.multipliers());
          block = Math.min(block, c.blockBytes());
          any = Math.min(any, c.bytes());
        }
      }
      if (m == NEVER) {
        return new Need(NEVER, blockBytes, bytes);
      }
      multipliers += m;
      blockBytes += block;
      bytes += any;
    }
    return new Need(multipliers, blockBytes, bytes);
  }

  private static long fastestCycles(List<Option> options) {
    return options.stream().mapToLong(Option::cycles).min().orElse(1);
  }

  /** A folding as this bound sees it: bytes are memory at its cheapest placement plus DDR reads a frame. */
  private record Option(long cycles, int multipliers, double blockBytes, double bytes) {}

  /** What engines need at least at some II: multipliers, bytes outside LUT RAM, bytes in all. */
  private record Need(long multipliers, double blockBytes, double bytes) {}
}
