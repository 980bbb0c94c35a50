package org.shardwire.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.memory.MemoryBlockEstimator;
import org.shardwire.boards.Board;
import org.shardwire.boards.MemoryKind;
import org.shardwire.hdl.Vendor;

/**
 * Places a board's memories in LUT RAM or memory blocks and counts the blocks by kind
 * ({@link MemoryBlockEstimator} for each memory's shape). Rules:
 * <ol>
 *   <li>shallow or tiny memories (depth <= {@value #XILINX_LUTRAM_DEPTH} on Xilinx,
 *       <= {@value #INTEL_LUTRAM_DEPTH} on Intel, or at most {@value #LUTRAM_MAX_BITS} bits) go to
 *       LUT RAM at {@value #LUTRAM_BITS_PER_LUT} bits per LUT/ALM;</li>
 *   <li>on Intel everything else is M20K;</li>
 *   <li>on Xilinx a memory prefers UltraRAM when the board has some and it takes fewer bits of
 *       silicon there (URAM blocks x 8 < RAMB36 blocks), block RAM otherwise;</li>
 *   <li>if either kind then overflows, the memories to hold in UltraRAM are chosen again: the
 *       set that frees the most block RAM within the UltraRAM blocks, a 0/1 knapsack over the
 *       UltraRAM count, solved exactly unless the greedy (most RAMB36 freed per UltraRAM first)
 *       already fits or even the fractional bound shows nothing can.</li>
 * </ol>
 * Vivado and Quartus may pack better; this is the planner's conservative count.
 */
public final class MemoryAllocator {
  public static final int XILINX_LUTRAM_DEPTH = 64;
  public static final int INTEL_LUTRAM_DEPTH = 32;
  public static final int LUTRAM_MAX_BITS = 2048;
  public static final int LUTRAM_BITS_PER_LUT = 64;

  /** LUTs (ALMs on Intel) a memory of {@code bits} takes in LUT RAM. */
  public static long lutRamLuts(long bits) {
    return (bits + LUTRAM_BITS_PER_LUT - 1) / LUTRAM_BITS_PER_LUT;
  }

  /** One memory's cost in each place it could go. */
  record Options(boolean lutram, long luts, double ramb36, double uram, double m20k) {}

  /** A memory placed. */
  public record Placed(MemoryNeed need, MemoryPlacement placement, double blocks, long luts) {}

  /** The placement of a board's memories and their totals. */
  public record Allocation(List<Placed> placed, Map<MemoryKind, Double> blocks, long luts) {
    public double blocks(MemoryKind kind) {
      return blocks.getOrDefault(kind, 0.0);
    }
  }

  private final Board board;
  private final Map<MemoryNeed, Options> cache = new HashMap<>();

  public MemoryAllocator(Board board) {
    this.board = board;
  }

  public Board board() {
    return board;
  }

  Options options(MemoryNeed m) {
    return cache.computeIfAbsent(m, this::computeOptions);
  }

  private Options computeOptions(MemoryNeed m) {
    int lutDepth = board.vendor() == Vendor.XILINX ? XILINX_LUTRAM_DEPTH : INTEL_LUTRAM_DEPTH;
    boolean lutram = m.depth() <= lutDepth || m.bits() <= LUTRAM_MAX_BITS;
    long luts = lutRamLuts(m.bits());
    if (board.vendor() == Vendor.INTEL) {
      return new Options(lutram, luts, 0, 0, MemoryBlockEstimator.blocks(MemoryKind.M20K.style(), m.width(), m.depth()));
    }
    double b = MemoryBlockEstimator.blocks(MemoryKind.RAMB36.style(), m.width(), m.depth());
    double u = board.memoryBlocks(MemoryKind.URAM288) > 0
        ? MemoryBlockEstimator.blocks(MemoryKind.URAM288.style(), m.width(), m.depth()) : Double.POSITIVE_INFINITY;
    return new Options(lutram, luts, b, u, 0);
  }

  /**
   * Bits of silicon the memories take at their cheapest placement on this board (a block counts
   * all its bits, LUT RAM its own bits): what a folding costs in memory, whatever is full.
   */
  public double blockBits(List<MemoryNeed> needs) {
    double total = 0;
    for (MemoryNeed m : needs) {
      Options o = options(m);
      double bits = o.lutram() ? m.bits() : Double.POSITIVE_INFINITY;
      if (board.vendor() == Vendor.INTEL) {
        bits = Math.min(bits, o.m20k() * MemoryKind.M20K.bitsPerBlock());
      } else {
        bits = Math.min(bits, o.ramb36() * MemoryKind.RAMB36.bitsPerBlock());
        bits = Math.min(bits, o.uram() * MemoryKind.URAM288.bitsPerBlock());
      }
      total += bits;
    }
    return total;
  }

  /** Like {@link #blockBits} but memories that go to LUT RAM count nothing: a lower bound on block use. */
  public double blockOnlyBits(List<MemoryNeed> needs) {
    double total = 0;
    for (MemoryNeed m : needs) {
      if (!options(m).lutram()) {
        total += blockBits(List.of(m));
      }
    }
    return total;
  }

  /**
   * {RAMB36 (or M20K) blocks, UltraRAM blocks} the memories would take if all placed in that one
   * kind (LUT RAM memories count nothing); infinite UltraRAM on a board without it.
   */
  public double[] blockCosts(List<MemoryNeed> needs) {
    double first = 0;
    double uram = 0;
    for (MemoryNeed m : needs) {
      Options o = options(m);
      if (!o.lutram()) {
        first += board.vendor() == Vendor.INTEL ? o.m20k() : o.ramb36();
        uram += board.vendor() == Vendor.INTEL ? Double.POSITIVE_INFINITY : o.uram();
      }
    }
    return new double[] {first, uram};
  }

  /**
   * {RAMB36 or M20K blocks, UltraRAM blocks, LUT RAM LUTs} of the memories at their preferred
   * placement (rules 1-3 of the class comment, no rebalancing).
   */
  public double[] preferred(List<MemoryNeed> needs) {
    double first = 0;
    double uram = 0;
    double luts = 0;
    for (MemoryNeed m : needs) {
      Options o = options(m);
      switch (preferredPlacement(o)) {
        case LUTRAM:
          luts += o.luts();
          break;
        case URAM288:
          uram += o.uram();
          break;
        case RAMB36:
          first += o.ramb36();
          break;
        default:
          first += o.m20k();
      }
    }
    return new double[] {first, uram, luts};
  }

  private MemoryPlacement preferredPlacement(Options o) {
    if (o.lutram()) {
      return MemoryPlacement.LUTRAM;
    }
    if (board.vendor() == Vendor.INTEL) {
      return MemoryPlacement.M20K;
    }
    return o.uram() * 8 < o.ramb36() ? MemoryPlacement.URAM288 : MemoryPlacement.RAMB36;
  }

  /** All the bits of the board's memory blocks. */
  public double blockCapacityBits() {
    double bits = 0;
    for (MemoryKind k : board.memoryKinds()) {
      bits += (double) board.memoryBlocks(k) * k.bitsPerBlock();
    }
    return bits;
  }

  /** Places the memories (in the given order; the result lists them in the same order). */
  public Allocation allocate(List<MemoryNeed> needs) {
    return allocate(needs, 0);
  }

  /**
   * The same, with {@code reservedRamb36} of the board's block RAM taken by memories placed
   * elsewhere (the link endpoints'): the UltraRAM set is chosen for the block RAM that is left.
   */
  public Allocation allocate(List<MemoryNeed> needs, double reservedRamb36) {
    Options[] opt = new Options[needs.size()];
    for (int i = 0; i < opt.length; i++) {
      opt[i] = options(needs.get(i));
    }
    return totals(needs, placement(opt, reservedRamb36), opt);
  }

  /** Block totals of a placement without the per-memory list: the folder's fast path. */
  record Totals(double first, double uram, long lutramLuts) {}

  /** The same placement as {@link #allocate}, summed: RAMB36 (or M20K), URAM288, LUT RAM LUTs. */
  Totals totals(Options[] opt, double reservedRamb36) {
    MemoryPlacement[] where = placement(opt, reservedRamb36);
    double first = 0;
    double uram = 0;
    long luts = 0;
    for (int i = 0; i < opt.length; i++) {
      switch (where[i]) {
        case LUTRAM:
          luts += opt[i].luts();
          break;
        case URAM288:
          uram += opt[i].uram();
          break;
        case RAMB36:
          first += opt[i].ramb36();
          break;
        default:
          first += opt[i].m20k();
      }
    }
    return new Totals(first, uram, luts);
  }

  private MemoryPlacement[] placement(Options[] opt, double reservedRamb36) {
    MemoryPlacement[] where = new MemoryPlacement[opt.length];
    for (int i = 0; i < opt.length; i++) {
      where[i] = preferredPlacement(opt[i]);
    }
    if (board.vendor() == Vendor.XILINX && board.memoryBlocks(MemoryKind.URAM288) > 0) {
      rebalance(where, opt, reservedRamb36);
    }
    return where;
  }

  /** Re-chooses the UltraRAM set when either kind overflows (see the class comment). */
  private void rebalance(MemoryPlacement[] where, Options[] opt, double reservedRamb36) {
    double bram = 0;
    double uram = 0;
    for (int i = 0; i < where.length; i++) {
      if (where[i] == MemoryPlacement.RAMB36) {
        bram += opt[i].ramb36();
      } else if (where[i] == MemoryPlacement.URAM288) {
        uram += opt[i].uram();
      }
    }
    double bramCap = board.memoryBlocks(MemoryKind.RAMB36) - reservedRamb36;
    int uramCap = board.memoryBlocks(MemoryKind.URAM288);
    if (bram <= bramCap && uram <= uramCap) {
      return;
    }
    int[] candidates = new int[where.length];
    int count = 0;
    double bramAll = 0;
    for (int i = 0; i < where.length; i++) {
      if (where[i] != MemoryPlacement.LUTRAM) {
        bramAll += opt[i].ramb36();
        if (opt[i].uram() <= uramCap) {
          candidates[count++] = i;
        }
      }
    }
    // Fast paths, same answer: the greedy by freed-RAMB36-per-URAM fits, or even the fractional
    // knapsack bound cannot fit (then the greedy placement stands as the best effort).
    int[] items = mostRamb36PerUramFirst(candidates, count, opt);
    double greedyFreed = 0;
    double bound = 0;
    int used = 0;
    int room = uramCap;
    List<Integer> greedy = new ArrayList<>();
    for (int i : items) {
      if (used + opt[i].uram() <= uramCap) {
        used += (int) opt[i].uram();
        greedyFreed += opt[i].ramb36();
        greedy.add(i);
      }
      if (room > 0) {
        double share = Math.min(1, room / opt[i].uram());
        bound += share * opt[i].ramb36();
        room -= (int) Math.min(room, opt[i].uram());
      }
    }
    if (bramAll - greedyFreed <= bramCap || bramAll - bound > bramCap) {
      for (int i = 0; i < where.length; i++) {
        if (where[i] == MemoryPlacement.URAM288) {
          where[i] = MemoryPlacement.RAMB36;
        }
      }
      for (int i : greedy) {
        where[i] = MemoryPlacement.URAM288;
      }
      return;
    }
    // best[c] = most RAMB18 halves freed using at most c UltraRAMs; take[k][c] = item k taken there
    long[] best = new long[uramCap + 1];
    boolean[][] take = new boolean[items.length][uramCap + 1];
    for (int k = 0; k < items.length; k++) {
      int i = items[k];
      int w = (int) opt[i].uram();
      long v = Math.round(opt[i].ramb36() * 2);
      for (int c = uramCap; c >= w; c--) {
        if (best[c - w] + v > best[c]) {
          best[c] = best[c - w] + v;
          take[k][c] = true;
        }
      }
    }
    for (int i = 0; i < where.length; i++) {
      if (where[i] == MemoryPlacement.URAM288) {
        where[i] = MemoryPlacement.RAMB36;
      }
    }
    int c = uramCap;
    for (int k = items.length - 1; k >= 0; k--) {
      if (take[k][c]) {
        int i = items[k];
        where[i] = MemoryPlacement.URAM288;
        c -= (int) opt[i].uram();
      }
    }
  }

  /**
   * The first {@code count} memories of {@code memories} by RAMB36 freed per UltraRAM taken, most
   * first, ties in memory order. Sorted on primitive keys (the ratio's rank among the distinct
   * ratios, then the index, packed in a long): the folder's memory repair places a board's memories
   * for every change it weighs, and a boxed sort here took most of a ResNet-50 plan's time
   * (jstack samples). Ratios are never negative, so their bits order as Double.compare does.
   */
  private static int[] mostRamb36PerUramFirst(int[] memories, int count, Options[] opt) {
    long[] bits = new long[count];
    for (int k = 0; k < count; k++) {
      Options o = opt[memories[k]];
      bits[k] = Double.doubleToLongBits(o.ramb36() / o.uram());
    }
    long[] distinct = bits.clone();
    Arrays.sort(distinct);
    int ranks = 0;
    for (int k = 0; k < count; k++) {
      if (k == 0 || distinct[k] != distinct[k - 1]) {
        distinct[ranks++] = distinct[k];
      }
    }
    long[] packed = new long[count];
    for (int k = 0; k < count; k++) {
      long rank = Arrays.binarySearch(distinct, 0, ranks, bits[k]);
      packed[k] = ((ranks - 1 - rank) << 32) | memories[k];
    }
    Arrays.sort(packed);
    int[] out = new int[count];
    for (int k = 0; k < count; k++) {
      out[k] = (int) packed[k];
    }
    return out;
  }

  private Allocation totals(List<MemoryNeed> needs, MemoryPlacement[] where, Options[] opt) {
    Map<MemoryKind, Double> blocks = new EnumMap<>(MemoryKind.class);
    for (MemoryKind k : board.memoryKinds()) {
      blocks.put(k, 0.0);
    }
    List<Placed> placed = new ArrayList<>(needs.size());
    long luts = 0;
    for (int i = 0; i < needs.size(); i++) {
      Options o = opt[i];
      switch (where[i]) {
        case LUTRAM:
          placed.add(new Placed(needs.get(i), where[i], 0, o.luts()));
          luts += o.luts();
          break;
        case RAMB36:
          placed.add(new Placed(needs.get(i), where[i], o.ramb36(), 0));
          blocks.merge(MemoryKind.RAMB36, o.ramb36(), Double::sum);
          break;
        case URAM288:
          placed.add(new Placed(needs.get(i), where[i], o.uram(), 0));
          blocks.merge(MemoryKind.URAM288, o.uram(), Double::sum);
          break;
        default:
          placed.add(new Placed(needs.get(i), where[i], o.m20k(), 0));
          blocks.merge(MemoryKind.M20K, o.m20k(), Double::sum);
      }
    }
    return new Allocation(placed, blocks, luts);
  }
}
