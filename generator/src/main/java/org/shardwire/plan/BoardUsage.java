package org.shardwire.plan;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.boards.Board;
import org.shardwire.boards.MemoryKind;

/**
 * What a board's engines and link endpoints use: multiplier units, memory blocks by kind, LUTs (or
 * ALMs), and the bytes per frame its streamed weights read from DDR. {@code memory} places the
 * engines' memories; the endpoints' blocks are fixed by the link and added to it; {@code luts}
 * includes the endpoints'. The DDR bank delivers at {@code ddrBytesPerCycle}
 * (docs/ddr-weights.md): not a budget the board can run out of but a floor under its II
 * ({@link #ddrCycles}).
 */
public record BoardUsage(int multipliers, MemoryAllocator.Allocation memory, long luts, LinkEndpointCost link,
                         int linkEndpoints, long ddrBytesPerFrame, double ddrBytesPerCycle) {
  /** The resource name of a board's DDR bandwidth, as shortfalls and "bound by" give it. */
  public static final String DDR_BANDWIDTH = "DDR bandwidth";

  /** Blocks of one kind: the engines' memories as placed, and the link endpoints'. */
  public double blocks(MemoryKind kind) {
    return memory.blocks(kind) + link.blocks(kind, linkEndpoints);
  }

  /** Every resource above the board's budget, worst first. */
  public List<Shortfall> shortfalls(Board board) {
    List<Shortfall> out = new ArrayList<>();
    for (Shortfall use : uses(board)) {
      if (use.needed() > use.available()) {
        out.add(use);
      }
    }
    out.sort((a, b) -> Double.compare(b.ratio(), a.ratio()));
    return out;
  }

  /** Every resource the board has, as what is used against what it has (the multiplier unit, each memory kind, logic). */
  private List<Shortfall> uses(Board board) {
    List<Shortfall> out = new ArrayList<>();
    out.add(new Shortfall(board.multiplierUnit() + " multipliers", multipliers, board.multipliers()));
    for (MemoryKind k : MemoryKind.values()) {
      if (k.vendor() == board.vendor()) {
        out.add(new Shortfall(k.name(), blocks(k), board.memoryBlocks(k)));
      }
    }
    out.add(new Shortfall(board.logicUnit() + "s", luts, board.logic()));
    return out;
  }

  /** The resource closest to full (used / available), by the same name {@link #shortfalls} gives it. */
  public String tightest(Board board) {
    Shortfall worst = null;
    for (Shortfall use : uses(board)) {
      if (use.needed() > 0 && (worst == null || use.ratio() > worst.ratio())) {
        worst = use;
      }
    }
    return worst == null ? board.multiplierUnit() + " multipliers" : worst.resource();
  }

  /** Cycles the board's DDR takes to deliver a frame's streamed weights: the II can be no lower. */
  public long ddrCycles() {
    return ddrCycles(ddrBytesPerFrame, ddrBytesPerCycle);
  }

  /** Cycles a bank delivering {@code bytesPerCycle} takes for {@code bytes} (0 for none). */
  public static long ddrCycles(double bytes, double bytesPerCycle) {
    return bytes <= 0 ? 0 : (long) Math.ceil(bytes / bytesPerCycle - 1e-9);
  }

  public boolean fits(Board board) {
    return shortfalls(board).isEmpty();
  }

  /** "DSP48E2 120/2520, RAMB36 3.5/912, LUT 4,208/274,080". */
  public String describe(Board board) {
    StringBuilder b = new StringBuilder();
    b.append(board.multiplierUnit()).append(' ').append(multipliers).append('/').append(board.multipliers());
    for (MemoryKind k : board.memoryKinds()) {
      b.append(", ").append(k.name()).append(' ').append(Shortfall.num(blocks(k))).append('/')
          .append(board.memoryBlocks(k));
    }
    b.append(", ").append(board.logicUnit()).append(' ').append(luts).append('/').append(board.logic());
    return b.toString();
  }

  /** The largest used/available ratio over all resources (1 = exactly full). */
  public double worstRatio(Board board) {
    double r = 0;
    for (Shortfall use : uses(board)) {
      r = Math.max(r, use.needed() == 0 ? 0 : use.ratio()); // nothing used of a kind the board lacks: not a limit
    }
    return r;
  }
}
