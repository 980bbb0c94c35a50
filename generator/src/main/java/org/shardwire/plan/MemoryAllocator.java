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

  /**
   * One memory's cost in each place it could go, with what every placement reads of it worked out
   * once: its preferred place (rules 1-3) and the label of its RAMB36-per-UltraRAM ratio.
   */
  record Options(boolean lutram, long luts, double ramb36, double uram, double m20k, MemoryPlacement preferred,
                 RatioOrder.Label ratio) {}

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
  private final RatioOrder ratios = new RatioOrder();
  // The last placement's memories and their order by ratio ({@link #byRatio}); an allocator is
  // used by one thread (each planner makes its own folders).
  private Options[] lastOpt;
  private long[] lastKeys; // their labels are current while lastSpreads == ratios.spreads()
  private int lastSpreads;
  private boolean[] take = new boolean[0]; // the knapsack's choices (ultraRamSet)
  // The board's figures the placement reads for every memory set, read once (a map lookup each took
  // a tenth of a ResNet-50 plan's time).
  private final boolean intel;
  private final int ramb36Blocks;
  private final int uramBlocks;

  public MemoryAllocator(Board board) {
    this.board = board;
    this.intel = board.vendor() == Vendor.INTEL;
    this.ramb36Blocks = board.memoryBlocks(MemoryKind.RAMB36);
    this.uramBlocks = board.memoryBlocks(MemoryKind.URAM288);
  }

  public Board board() {
    return board;
  }

  Options options(MemoryNeed m) {
    Options known = cache.get(m); // not computeIfAbsent(m, this::computeOptions): a lambda per lookup
    if (known == null) {
      known = computeOptions(m);
      cache.put(m, known);
    }
    return known;
  }

  private Options computeOptions(MemoryNeed m) {
    int lutDepth = intel ? INTEL_LUTRAM_DEPTH : XILINX_LUTRAM_DEPTH;
    boolean lutram = m.depth() <= lutDepth || m.bits() <= LUTRAM_MAX_BITS;
    long luts = lutRamLuts(m.bits());
    if (intel) {
      double m20k = MemoryBlockEstimator.blocks(MemoryKind.M20K.style(), m.width(), m.depth());
      return new Options(lutram, luts, 0, 0, m20k, lutram ? MemoryPlacement.LUTRAM : MemoryPlacement.M20K, null);
    }
    double b = MemoryBlockEstimator.blocks(MemoryKind.RAMB36.style(), m.width(), m.depth());
    double u = uramBlocks > 0
        ? MemoryBlockEstimator.blocks(MemoryKind.URAM288.style(), m.width(), m.depth()) : Double.POSITIVE_INFINITY;
    MemoryPlacement preferred = lutram ? MemoryPlacement.LUTRAM
        : u * 8 < b ? MemoryPlacement.URAM288 : MemoryPlacement.RAMB36;
    // only memories that may go to UltraRAM are ever sorted by the ratio
    RatioOrder.Label ratio = !lutram && u <= uramBlocks ? ratios.of(b / u) : null;
    return new Options(lutram, luts, b, u, 0, preferred, ratio);
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
      if (intel) {
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
        first += intel ? o.m20k() : o.ramb36();
        uram += intel ? Double.POSITIVE_INFINITY : o.uram();
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
      switch (o.preferred()) {
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

  /**
   * The same placement as {@link #allocate}, summed: RAMB36 (or M20K), URAM288, LUT RAM LUTs.
   * Sums in memory order, as {@link #allocate} does, so the doubles come out the same.
   */
  Totals totals(Options[] opt, double reservedRamb36) {
    boolean[] inUram = ultraRamSet(opt, reservedRamb36);
    double first = 0;
    double uram = 0;
    long luts = 0;
    for (int i = 0; i < opt.length; i++) {
      Options o = opt[i];
      MemoryPlacement where = o.preferred();
      if (inUram != null && where != MemoryPlacement.LUTRAM) {
        where = inUram[i] ? MemoryPlacement.URAM288 : MemoryPlacement.RAMB36;
      }
      switch (where) {
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
    return new Totals(first, uram, luts);
  }

  private MemoryPlacement[] placement(Options[] opt, double reservedRamb36) {
    boolean[] inUram = ultraRamSet(opt, reservedRamb36);
    MemoryPlacement[] where = new MemoryPlacement[opt.length];
    for (int i = 0; i < opt.length; i++) {
      where[i] = opt[i].preferred();
      if (inUram != null && where[i] != MemoryPlacement.LUTRAM) {
        where[i] = inUram[i] ? MemoryPlacement.URAM288 : MemoryPlacement.RAMB36;
      }
    }
    return where;
  }

  /**
   * Rule 4: null when the preferred placement stands (an Intel board, a board without UltraRAM, or
   * both kinds fit), else which memories go to UltraRAM (every other block memory goes to block RAM).
   */
  private boolean[] ultraRamSet(Options[] opt, double reservedRamb36) {
    if (intel || uramBlocks == 0) {
      return null;
    }
    double bram = 0;
    double uram = 0;
    double bramAll = 0; // every block memory in block RAM
    for (Options o : opt) {
      if (o.preferred() == MemoryPlacement.RAMB36) {
        bram += o.ramb36();
        bramAll += o.ramb36();
      } else if (o.preferred() == MemoryPlacement.URAM288) {
        uram += o.uram();
        bramAll += o.ramb36();
      }
    }
    double bramCap = ramb36Blocks - reservedRamb36;
    int uramCap = uramBlocks;
    if (bram <= bramCap && uram <= uramCap) {
      return null;
    }
    long[] keys = byRatio(opt);
    int count = keys.length;
    int[] order = new int[count];
    for (int k = 0; k < count; k++) {
      order[k] = (int) keys[k];
    }
    // Fast paths, same answer: the greedy by freed-RAMB36-per-URAM fits, or even the fractional
    // knapsack bound cannot fit (then the greedy placement stands as the best effort).
    double greedyFreed = 0;
    double bound = 0;
    int used = 0;
    int room = uramCap;
    boolean[] greedy = new boolean[opt.length];
    for (int k = 0; k < count; k++) {
      Options o = opt[order[k]];
      if (used + o.uram() <= uramCap) {
        used += (int) o.uram();
        greedyFreed += o.ramb36();
        greedy[order[k]] = true;
      }
      if (room > 0) {
        double share = Math.min(1, room / o.uram());
        bound += share * o.ramb36();
        room -= (int) Math.min(room, o.uram());
      }
    }
    if (bramAll - greedyFreed <= bramCap || bramAll - bound > bramCap) {
      return greedy;
    }
    // best[c] = most RAMB18 halves freed using at most c UltraRAMs; take[k][c] = item k taken there
    long[] best = new long[uramCap + 1];
    // take[k * width + c]: one flat table kept between calls, every cell the reconstruction reads
    // written here (allocating count rows, or clearing the table, on every call took a tenth of a
    // ResNet-50 plan)
    int width = uramCap + 1;
    if (take.length < count * width) {
      take = new boolean[count * width];
    }
    for (int k = 0; k < count; k++) {
      Options o = opt[order[k]];
      int w = (int) o.uram();
      long v = Math.round(o.ramb36() * 2);
      int row = k * width;
      for (int c = uramCap; c >= w; c--) {
        boolean better = best[c - w] + v > best[c];
        if (better) {
          best[c] = best[c - w] + v;
        }
        take[row + c] = better;
      }
      Arrays.fill(take, row, row + Math.min(w, width), false);
    }
    boolean[] chosen = new boolean[opt.length];
    int c = uramCap;
    for (int k = count - 1; k >= 0; k--) {
      if (take[k * width + c]) {
        int i = order[k];
        chosen[i] = true;
        c -= (int) opt[i].uram();
      }
    }
    return chosen;
  }

  /**
   * The memories that may go to UltraRAM (within the board's count), by RAMB36 freed per UltraRAM
   * taken, most first, ties in memory order: their sort keys ({@link #sortKey}), sorted. The folder
   * places a board's memories for every change of one engine's folding it weighs, so consecutive
   * calls mostly share a prefix and a suffix of memories (the same objects): then the last call's
   * keys are kept for those and only the changed middle is sorted and merged in. Otherwise all are
   * sorted. Either gives the same order.
   */
  private long[] byRatio(Options[] opt) {
    int n = opt.length;
    Options[] prev = lastOpt;
    long[] keys = null;
    if (prev != null && lastSpreads == ratios.spreads()) {
      int m = prev.length;
      int same = Math.min(n, m);
      int p = 0;
      while (p < same && opt[p] == prev[p]) {
        p++;
      }
      int q = 0;
      while (q < same - p && opt[n - 1 - q] == prev[m - 1 - q]) {
        q++;
      }
      if ((n - p - q) + (m - p - q) <= n / 2) {
        keys = merged(opt, p, n - q, m - q);
      }
    }
    if (keys == null) {
      keys = new long[n];
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (opt[i].ratio() != null) {
          keys[count++] = sortKey(opt[i], i);
        }
      }
      Arrays.sort(keys, 0, count);
      keys = count == n ? keys : Arrays.copyOf(keys, count);
    }
    lastOpt = opt.clone();
    lastKeys = keys;
    lastSpreads = ratios.spreads();
    return keys;
  }

  /**
   * The sorted keys of {@code opt} from the last call's: memories before {@code from} are the last
   * call's same ones, memories from {@code to} on are the last call's from {@code lastTo} on
   * (shifted), and those between are new. The kept keys' labels are current (no spread since).
   */
  private long[] merged(Options[] opt, int from, int to, int lastTo) {
    long[] middle = new long[to - from];
    int mc = 0;
    for (int i = from; i < to; i++) {
      if (opt[i].ratio() != null) {
        middle[mc++] = sortKey(opt[i], i);
      }
    }
    Arrays.sort(middle, 0, mc);
    int shift = to - lastTo;
    long[] out = new long[lastKeys.length + mc];
    int k = 0;
    int b = 0;
    for (long last : lastKeys) {
      int index = (int) last;
      if (index >= from && index < lastTo) {
        continue; // changed
      }
      long key = index >= lastTo ? last + shift : last; // the index is the low half, and stays >= 0
      while (b < mc && middle[b] < key) {
        out[k++] = middle[b++];
      }
      out[k++] = key;
    }
    while (b < mc) {
      out[k++] = middle[b++];
    }
    return k == out.length ? out : Arrays.copyOf(out, k);
  }

  /**
   * The sort key of memory {@code index}: its ratio's label, largest first, then the index, packed
   * in a long so one primitive sort orders them (a boxed sort, and later ranking the ratios on
   * every call, took most of a ResNet-50 plan's time: jstack and JFR samples).
   */
  private static long sortKey(Options o, int index) {
    return ((long) (RatioOrder.LIMIT - o.ratio().value()) << 32) | index;
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
