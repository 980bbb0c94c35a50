package org.shardwire.plan;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.boards.Board;
import org.shardwire.boards.MemoryKind;
import org.shardwire.hdl.Vendor;

/**
 * Chooses the folding of every engine on one board so the engines are balanced within the
 * board's budget. Method (greedy, slowest first): start every engine at its cheapest folding
 * (PE = SIMD = lanes = 1), repaired for memory when that overflows the board's blocks (see
 * {@link #repairMemory}); then repeatedly take the slowest engine (the board's II; ties: the
 * earliest) and move it to the cheapest folding (fewest multiplier units) that makes it faster
 * and still fits the board's multipliers, memory blocks and LUTs. Stop when the slowest engine
 * cannot get faster (no faster folding fits, or none exists) or is already at or below the
 * target II. Only the slowest engine limits the board, so raising any other would spend
 * resources for nothing; and a target stops the climb early so boards that are not the
 * pipeline's bottleneck keep their spare multipliers.
 */
public final class BoardFolder {
  private final MemoryAllocator allocator;
  private final java.util.IdentityHashMap<EngineCost, MemoryAllocator.Options[]> memoryOptions =
      new java.util.IdentityHashMap<>();

  /** DDR bytes per cycle the board's streamed weights may read (its first bank's usable rate; 0 without DDR). */
  private final double ddrBytesPerCycle;

  /** A folder at the board's default clock. */
  public BoardFolder(Board board) {
    this(board, board.defaultClockMhz());
  }

  /** A folder for a board clocked at {@code clockMhz} (what its DDR bandwidth per cycle depends on). */
  public BoardFolder(Board board, double clockMhz) {
    this.allocator = new MemoryAllocator(board);
    this.ddrBytesPerCycle = CostModel.ddrBytesPerCycle(board, clockMhz);
  }

  /** Cycles the board's DDR takes for {@code bytesPerFrame} of streamed weights. */
  private long ddrCycles(double bytesPerFrame) {
    return BoardUsage.ddrCycles(bytesPerFrame, ddrBytesPerCycle);
  }

  /** The allocator pricing this board's memories (it caches each memory's placements). */
  MemoryAllocator memory() {
    return allocator;
  }

  /** DDR bytes per cycle the board's streamed weights may read (0 without DDR). */
  double ddrBytesPerCycle() {
    return ddrBytesPerCycle;
  }

  public Board board() {
    return allocator.board();
  }

  /** What each link endpoint on this board costs. */
  private LinkEndpointCost link() {
    return LinkEndpointCost.of(board().vendor());
  }

  /** The result of folding a board's engines, and what stopped the folding ({@code limit}). */
  public record Result(List<EngineCost> chosen, BoardUsage usage, List<Shortfall> shortfalls, FoldLimit limit) {
    public boolean fits() {
      return shortfalls.isEmpty();
    }

    /** Whether the board fits with an II of at most {@code target}. */
    public boolean noSlowerThan(long target) {
      return fits() && cycles() <= target;
    }

    /** The board's II: its slowest engine, or its DDR when that delivers the streamed weights slower. */
    public long cycles() {
      long c = usage.ddrCycles();
      for (EngineCost e : chosen) {
        c = Math.max(c, e.cycles());
      }
      return c;
    }
  }

  /**
   * Folds the engines whose cost options (cheapest first, {@link CostModel#options}) are given.
   * {@code targetCycles} 0 means as fast as the budget allows. A board whose engines do not fit
   * even unfolded comes back with its shortfalls and the unfolded choice.
   */
  public Result fold(List<List<EngineCost>> options, int linkEndpoints, long targetCycles) {
    return climb(start(options, linkEndpoints), options, linkEndpoints, targetCycles);
  }

  /** Where the climb starts: the unfolded engines, repaired for memory if they overflow it. */
  public Result start(List<List<EngineCost>> options, int linkEndpoints) {
    List<EngineCost> chosen = new ArrayList<>(options.size());
    for (List<EngineCost> o : options) {
      chosen.add(o.get(0));
    }
    BoardUsage usage = usage(chosen, linkEndpoints);
    if (!usage.fits(board())) {
      chosen = repairMemory(options, chosen, linkEndpoints);
      usage = usage(chosen, linkEndpoints);
    }
    List<Shortfall> shortfalls = usage.shortfalls(board());
    // Not climbed yet: what bounds it is the climb's to say; a board that does not fit is short of its worst resource.
    FoldLimit limit = shortfalls.isEmpty() ? FoldLimit.pipeline(slowest(chosen))
        : new FoldLimit(FoldLimit.Reason.RESOURCE, slowest(chosen), shortfalls.get(0).resource());
    return new Result(List.copyOf(chosen), usage, shortfalls, limit);
  }

  /** {@code chosen} as a fold of this board: its usage, shortfalls, and its slowest engine as what holds it. */
  public Result of(List<EngineCost> chosen, int linkEndpoints) {
    BoardUsage usage = usage(chosen, linkEndpoints);
    return new Result(List.copyOf(chosen), usage, usage.shortfalls(board()), FoldLimit.pipeline(slowest(chosen)));
  }

  /**
   * The fastest fold {@code climbTo} (a climb from a fixed start to a target II, 0 for none)
   * finds: the climb to no target, then climbs to just below the best II found, while they fit
   * and end faster. The greedy climb is not monotone in its target: the target decides which
   * streamed foldings it takes on the way ({@link #climb}: one whose DDR floor stays at or below
   * the target is an ordinary step, above it only a last resort), so a climb that aims lower can
   * end faster than the one that aims for nothing (measured: ResNet-50's layer3.2..layer4.0 on an
   * XCZU19EG, 705,600 cycles aiming for nothing, 677,376 aiming for 702,463).
   */
  public static Result fastest(java.util.function.LongFunction<Result> climbTo) {
    Result best = climbTo.apply(0);
    while (best.fits()) {
      Result lower = climbTo.apply(best.cycles() - 1);
      if (!lower.noSlowerThan(best.cycles() - 1)) {
        break;
      }
      best = lower;
    }
    return best;
  }

  /** The greedy climb from a {@link #start} (which it returns unchanged if it does not fit). */
  public Result climb(Result start, List<List<EngineCost>> options, int linkEndpoints, long targetCycles) {
    int n = options.size();
    if (!start.fits() || n == 0) {
      return start;
    }
    List<EngineCost> chosen = new ArrayList<>(start.chosen());
    BoardUsage usage;
    // Running totals under the preferred (independent) memory placement: when they fit, the
    // allocator keeps that placement, so a candidate fits without placing everything again.
    double[] totals = new double[6];
    for (EngineCost e : chosen) {
      add(totals, e, 1);
    }
    FoldLimit limit = climbUntil(chosen, totals, options, linkEndpoints, targetCycles);
    if (limit == null) {
      // At the target: what would stop this board from going faster? Climb a copy on until its
      // II drops (then only the pipeline holds it back) or it cannot (several engines may share it).
      long ii = boardCycles(chosen, totals);
      limit = climbUntil(new ArrayList<>(chosen), totals.clone(), options, linkEndpoints, ii - 1);
      limit = limit == null ? FoldLimit.pipeline(slowest(chosen)) : limit;
    }
    usage = usage(chosen, linkEndpoints);
    return new Result(List.copyOf(chosen), usage, usage.shortfalls(board()), limit);
  }

  /**
   * Moves the slowest engine of {@code chosen} to its cheapest faster folding that fits, again and
   * again (updating {@code chosen} and {@code totals}), until the slowest is at or below
   * {@code targetCycles} (returns null) or cannot get faster (returns why).
   */
  private FoldLimit climbUntil(List<EngineCost> chosen, double[] totals, List<List<EngineCost>> options,
      int linkEndpoints, long targetCycles) {
    FoldLimit limit = climbGreedy(chosen, totals, options, linkEndpoints, targetCycles);
    // Stuck for want of a resource: engines the climb (or the memory repair) made faster than the
    // board's II now may give back what they hold beyond it. Trim them to their cheapest folding
    // no slower than the II, and climb on if that makes the II fall; keep the result only then, so
    // every round lowers the II and the loop ends.
    while (limit != null && limit.reason() == FoldLimit.Reason.RESOURCE) {
      long ii = boardCycles(chosen, totals);
      List<EngineCost> trimmed = new ArrayList<>(chosen);
      double[] trimmedTotals = totals.clone();
      if (!trim(trimmed, trimmedTotals, options, linkEndpoints, ii)) {
        return limit;
      }
      FoldLimit again = climbGreedy(trimmed, trimmedTotals, options, linkEndpoints, targetCycles);
      if (boardCycles(trimmed, trimmedTotals) >= ii) {
        return limit;
      }
      for (int i = 0; i < chosen.size(); i++) {
        chosen.set(i, trimmed.get(i));
      }
      System.arraycopy(trimmedTotals, 0, totals, 0, totals.length);
      limit = again;
    }
    return limit;
  }

  /** The board's II as chosen: its slowest engine, or its DDR when that is slower. */
  private long boardCycles(List<EngineCost> chosen, double[] totals) {
    return Math.max(chosen.get(slowest(chosen)).cycles(), ddrCycles(totals[5]));
  }

  /**
   * Moves every engine to its cheapest folding (fewer multiplier units) that is no slower than
   * {@code ii}, takes no more memory blocks of either kind (what the folding leaves free, the
   * branch FIFOs counted after it may need), keeps the DDR within the II and the board within
   * budget; returns whether any moved.
   */
  private boolean trim(List<EngineCost> chosen, double[] totals, List<List<EngineCost>> options, int linkEndpoints,
      long ii) {
    boolean moved = false;
    for (int i = 0; i < chosen.size(); i++) {
      EngineCost current = chosen.get(i);
      for (EngineCost cand : options.get(i)) {
        if (cand.multipliers() >= current.multipliers()) {
          break; // sorted by multipliers: nothing cheaper follows
        }
        if (cand.cycles() > ii || ddrCycles(totals[5] - current.ddrBytesPerFrame() + cand.ddrBytesPerFrame()) > ii
            || takesMoreBlocks(cand, current)) {
          continue;
        }
        if (fitsWith(chosen, totals, i, cand, linkEndpoints)) {
          add(totals, current, -1);
          add(totals, cand, 1);
          chosen.set(i, cand);
          moved = true;
          break;
        }
      }
    }
    return moved;
  }

  /**
   * Whether the board stays within budget with engine {@code i} at {@code cand} instead of its
   * chosen folding: the running totals first, the full placement only when they say no.
   * {@code chosen} and {@code totals} are left as they were.
   */
  private boolean fitsWith(List<EngineCost> chosen, double[] totals, int i, EngineCost cand, int linkEndpoints) {
    EngineCost current = chosen.get(i);
    add(totals, current, -1);
    add(totals, cand, 1);
    chosen.set(i, cand);
    boolean fits = preferredFits(totals, linkEndpoints) || quick(chosen, linkEndpoints).fits(board());
    add(totals, cand, -1);
    add(totals, current, 1);
    chosen.set(i, current);
    return fits;
  }

  private boolean takesMoreBlocks(EngineCost cand, EngineCost current) {
    double[] c = allocator.preferred(cand.memories());
    double[] now = allocator.preferred(current.memories());
    return c[0] > now[0] + 1e-9 || c[1] > now[1] + 1e-9;
  }

  /** The greedy climb itself: {@link #climbUntil} without the trimming. */
  private FoldLimit climbGreedy(List<EngineCost> chosen, double[] totals, List<List<EngineCost>> options,
      int linkEndpoints, long targetCycles) {
    long iiBound = Math.max(targetCycles, iiLowerBound(options));
    while (true) {
      int slow = slowest(chosen);
      long ddr = ddrCycles(totals[5]);
      if (Math.max(chosen.get(slow).cycles(), ddr) <= targetCycles) {
        return null;
      }
      if (ddr >= chosen.get(slow).cycles()) {
        // The DDR sets the II: only a folding of the heaviest streamed engine that reads fewer bytes
        // (wider words waste less of each beat) lowers it; without one, the DDR bandwidth bounds it.
        int heavy = heaviestStream(chosen);
        EngineCost lighter = lighterThatFits(chosen, heavy, options.get(heavy), totals, linkEndpoints);
        if (lighter == null) {
          return new FoldLimit(FoldLimit.Reason.RESOURCE, heavy, BoardUsage.DDR_BANDWIDTH);
        }
        add(totals, chosen.get(heavy), -1);
        add(totals, lighter, 1);
        chosen.set(heavy, lighter);
        continue;
      }
      Step step = fasterThatFits(chosen, slow, options.get(slow), totals, linkEndpoints, iiBound);
      if (step.next() == null) {
        return step.limit();
      }
      add(totals, chosen.get(slow), -1);
      add(totals, step.next(), 1);
      chosen.set(slow, step.next());
    }
  }

  /** The cheapest faster folding of one engine that fits, or (when none does) why not. */
  private record Step(EngineCost next, FoldLimit limit) {}

  /**
   * The cheapest folding of engine {@code slow} that is faster than its current one and keeps the
   * board within budget ({@code totals}: the running totals of {@code chosen}, left as they were).
   */
  private Step fasterThatFits(List<EngineCost> chosen, int slow, List<EngineCost> opts, double[] totals,
      int linkEndpoints, long iiBound) {
    EngineCost current = chosen.get(slow);
    EngineCost firstFaster = null;
    EngineCost heavy = null;
    boolean sameKindFound = false;
    for (EngineCost cand : opts) {
      if (cand.cycles() >= current.cycles()) {
        continue;
      }
      // the limit names what the next folding of the same kind (weights on chip, or streamed) lacks
      boolean sameKind = (cand.ddrBytesPerFrame() > 0) == (current.ddrBytesPerFrame() > 0);
      firstFaster = firstFaster == null || (sameKind && !sameKindFound) ? cand : firstFaster;
      sameKindFound |= sameKind;
      if (totals[0] - current.multipliers() + cand.multipliers() > board().multipliers()) {
        break; // options are sorted by multipliers: every later one needs more
      }
      // faster only if the DDR then still delivers within the old II (a folding that streams more may not)
      boolean fits = ddrCycles(totals[5] - current.ddrBytesPerFrame() + cand.ddrBytesPerFrame()) < current.cycles()
          && fitsWith(chosen, totals, slow, cand, linkEndpoints);
      if (fits && (cand.ddrBytesPerFrame() <= current.ddrBytesPerFrame() || ddrCycles(totals[5]
          - current.ddrBytesPerFrame() + cand.ddrBytesPerFrame()) <= iiBound)) {
        return new Step(cand, null);
      }
      // Streaming more so that the DDR floor rises above what the board could reach with its
      // multipliers: taken only if no other faster folding fits (few pixels and many weights pay;
      // a conv over a large map, which reads its weights once per pixel, would cap the board).
      heavy = fits && heavy == null ? cand : heavy;
    }
    if (heavy != null) {
      return new Step(heavy, null);
    }
    if (current.ddrBytesPerFrame() > 0 && !sameKindFound) {
      // streamed, and no streamed folding is faster: its DDR port's beat a cycle sets its pace
      return new Step(null, new FoldLimit(FoldLimit.Reason.RESOURCE, slow, BoardUsage.DDR_BANDWIDTH));
    }
    return new Step(null, firstFaster == null ? new FoldLimit(FoldLimit.Reason.UNFOLDED, slow, null)
        : new FoldLimit(FoldLimit.Reason.RESOURCE, slow, shortOf(chosen, slow, firstFaster, linkEndpoints)));
  }

  /**
   * The cheapest folding of engine {@code heavy} that reads fewer DDR bytes per frame, is no
   * slower and keeps the board within budget, or null.
   */
  private EngineCost lighterThatFits(List<EngineCost> chosen, int heavy, List<EngineCost> opts, double[] totals,
      int linkEndpoints) {
    EngineCost current = chosen.get(heavy);
    for (EngineCost cand : opts) {
      if (cand.ddrBytesPerFrame() >= current.ddrBytesPerFrame() || cand.cycles() > current.cycles()) {
        continue; // no lighter, or slower (the climb never slows an engine: it ends)
      }
      if (totals[0] - current.multipliers() + cand.multipliers() > board().multipliers()) {
        break; // sorted by multipliers
      }
      if (fitsWith(chosen, totals, heavy, cand, linkEndpoints)) {
        return cand;
      }
    }
    return null;
  }

  /** The index of the engine that reads the most from DDR (ties: the earliest). */
  private static int heaviestStream(List<EngineCost> chosen) {
    return indexOfMost(chosen, EngineCost::ddrBytesPerFrame);
  }

  /** The index of the slowest engine (the board's II; ties: the earliest). */
  private static int slowest(List<EngineCost> chosen) {
    return indexOfMost(chosen, EngineCost::cycles);
  }

  /** The index of the engine with the largest {@code figure} (ties: the earliest). */
  private static int indexOfMost(List<EngineCost> chosen, java.util.function.ToLongFunction<EngineCost> figure) {
    int most = 0;
    for (int i = 1; i < chosen.size(); i++) {
      if (figure.applyAsLong(chosen.get(i)) > figure.applyAsLong(chosen.get(most))) {
        most = i;
      }
    }
    return most;
  }

  /** The resource that runs shortest if engine {@code slow} took folding {@code faster}. */
  private String shortOf(List<EngineCost> chosen, int slow, EngineCost faster, int linkEndpoints) {
    List<EngineCost> tried = new ArrayList<>(chosen);
    tried.set(slow, faster);
    BoardUsage usage = usage(tried, linkEndpoints);
    List<Shortfall> short_ = usage.shortfalls(board());
    // The quick totals may refuse a folding the full placement would take; then name the tightest resource.
    return short_.isEmpty() ? usage.tightest(board()) : short_.get(0).resource();
  }

  /** An engine's logic in this board's unit (LUTs, or ALMs on Intel). */
  private long logic(EngineCost e) {
    return LogicEstimate.inLogicUnits(e.luts(), board().vendor());
  }

  /** totals += sign * {multipliers, logic LUTs, preferred RAMB36 or M20K, preferred URAM, LUT RAM LUTs, DDR bytes} of e. */
  private void add(double[] totals, EngineCost e, int sign) {
    double[] p = allocator.preferred(e.memories());
    totals[0] += sign * e.multipliers();
    totals[1] += sign * logic(e);
    totals[2] += sign * p[0];
    totals[3] += sign * p[1];
    totals[4] += sign * p[2];
    totals[5] += sign * e.ddrBytesPerFrame();
  }

  private boolean preferredFits(double[] t, int linkEndpoints) {
    Board b = board();
    MemoryKind firstKind = firstKind(b);
    return t[0] <= b.multipliers() && t[2] + link().blocks(firstKind, linkEndpoints) <= b.memoryBlocks(firstKind) + 1e-9
        && t[3] + link().blocks(MemoryKind.URAM288, linkEndpoints) <= b.memoryBlocks(MemoryKind.URAM288) + 1e-9
        && t[1] + t[4] + (double) link().luts() * linkEndpoints <= b.logic();
  }

  /**
   * Memory repair, when the unfolded engines' memories overflow the board: 8-bit-wide weight
   * memories pack well into 9-bit block RAM modes but waste 8/9 of a 72-bit UltraRAM, so a wider
   * folding can free blocks. Repeatedly apply the single change of one engine's folding that
   * removes the most overflowing block bits per extra multiplier unit (within the multiplier
   * budget), until the memories fit or no change helps. Skipped when even the leanest folding
   * of every engine cannot fit the board's blocks.
   */
  private List<EngineCost> repairMemory(List<List<EngineCost>> options, List<EngineCost> start, int linkEndpoints) {
    List<EngineCost> chosen = new ArrayList<>(start);
    double leastBits = 0;
    for (List<EngineCost> o : options) {
      double least = Double.POSITIVE_INFINITY;
      for (EngineCost c : o) {
        least = Math.min(least, allocator.blockOnlyBits(c.memories()));
      }
      leastBits += least;
    }
    double linkBits = 0;
    for (MemoryKind k : board().memoryKinds()) {
      linkBits += link().blocks(k, linkEndpoints) * k.bitsPerBlock();
    }
    if (leastBits > allocator.blockCapacityBits() - linkBits) {
      return chosen;
    }
    // Streaming weights frees their memory at no multiplier, but the DDR must deliver them in the
    // board's II. First repair with what costs no II: on-chip foldings, and streamed ones whose
    // bytes the bank delivers within a II no folding goes below. Only if that is not enough,
    // stream more, the layers that free the most overflow per DDR byte first (few output pixels,
    // many weights): the board then fits at the II its DDR traffic sets.
    chosen = repairPass(options, chosen, linkEndpoints, iiLowerBound(options) * ddrBytesPerCycle, false);
    if (quick(chosen, linkEndpoints).overflowBits(board()) > 0 && ddrBytesPerCycle > 0) {
      chosen = repairPass(options, chosen, linkEndpoints, Double.POSITIVE_INFINITY, true);
    }
    return chosen;
  }

  /**
   * One memory repair pass: apply the best single change of an engine's folding again and again
   * until the memories fit or no change helps, keeping the board's DDR bytes per frame within
   * {@code ddrCap}. A change's score is the overflow bits it removes per extra multiplier unit, or
   * with {@code perDdrByte}, per DDR byte per frame it adds (only changes that add some).
   */
  private List<EngineCost> repairPass(List<List<EngineCost>> options, List<EngineCost> start, int linkEndpoints,
      double ddrCap, boolean perDdrByte) {
    List<EngineCost> chosen = new ArrayList<>(start);
    long ddrBytes = 0;
    for (EngineCost c : chosen) {
      ddrBytes += c.ddrBytesPerFrame();
    }
    Quick usage = quick(chosen, linkEndpoints);
    double overflow = usage.overflowBits(board());
    while (overflow > 0) {
      int bestEngine = -1;
      EngineCost bestOption = null;
      double bestScore = 0;
      Quick bestUsage = null;
      for (int i = 0; i < chosen.size(); i++) {
        EngineCost current = chosen.get(i);
        double[] cur = allocator.blockCosts(current.memories());
        java.util.Set<List<MemoryNeed>> seen = new java.util.HashSet<>();
        for (EngineCost cand : options.get(i)) {
          int extra = cand.multipliers() - current.multipliers();
          long moreDdr = cand.ddrBytesPerFrame() - current.ddrBytesPerFrame();
          if (cand.memories().equals(current.memories()) || usage.multipliers() + extra > board().multipliers()
              || ddrBytes + moreDdr > ddrCap || (perDdrByte && moreDdr <= 0) || !seen.add(cand.memories())) {
            continue; // same memories, over budget (multipliers, DDR), or a costlier folding with the same memories
          }
          double[] c = allocator.blockCosts(cand.memories());
          if (c[0] >= cur[0] && c[1] >= cur[1]) {
            continue; // takes no fewer blocks of either kind: cannot reduce the overflow
          }
          chosen.set(i, cand);
          Quick tried = quick(chosen, linkEndpoints);
          chosen.set(i, current);
          double freed = overflow - tried.overflowBits(board());
          double score = perDdrByte ? freed / moreDdr : freed / Math.max(1, extra);
          if (score > bestScore) {
            bestScore = score;
            bestEngine = i;
            bestOption = cand;
            bestUsage = tried;
          }
        }
      }
      if (bestEngine < 0) {
        break;
      }
      ddrBytes += bestOption.ddrBytesPerFrame() - chosen.get(bestEngine).ddrBytesPerFrame();
      chosen.set(bestEngine, bestOption);
      usage = bestUsage;
      overflow = usage.overflowBits(board());
    }
    return chosen;
  }

  /** A II no folding of these engines goes below on this board ({@link MacBound}). */
  private long iiLowerBound(List<List<EngineCost>> options) {
    return MacBound.cycles(options, board().multipliers());
  }

  /** RAMB36 on Xilinx, M20K on Intel: the block kind every memory may go to. */
  static MemoryKind firstKind(Board b) {
    return b.vendor() == Vendor.INTEL ? MemoryKind.M20K : MemoryKind.RAMB36;
  }

  /**
   * Multipliers, logic and memory totals of a set of engines and the board's link endpoints: the
   * same numbers as {@link #usage}, faster.
   */
  private record Quick(int multipliers, long luts, MemoryAllocator.Totals memory, double linkFirst, double linkUram) {
    boolean fits(Board b) {
      return multipliers <= b.multipliers() && luts <= b.logic() && overflowBits(b) == 0;
    }

    double overflowBits(Board b) {
      MemoryKind first = firstKind(b);
      return Math.max(0, memory.first() + linkFirst - b.memoryBlocks(first)) * first.bitsPerBlock()
          + Math.max(0, memory.uram() + linkUram - b.memoryBlocks(MemoryKind.URAM288))
          * MemoryKind.URAM288.bitsPerBlock();
    }
  }

  private Quick quick(List<EngineCost> engines, int linkEndpoints) {
    int multipliers = 0;
    long logic = link().luts() * linkEndpoints;
    int count = 0;
    for (EngineCost e : engines) {
      multipliers += e.multipliers();
      logic += logic(e);
      count += e.memories().size();
    }
    MemoryAllocator.Options[] all = new MemoryAllocator.Options[count];
    int at = 0;
    for (EngineCost e : engines) {
      MemoryAllocator.Options[] o = memoryOptions.computeIfAbsent(e, x -> {
        MemoryAllocator.Options[] arr = new MemoryAllocator.Options[x.memories().size()];
        for (int i = 0; i < arr.length; i++) {
          arr[i] = allocator.options(x.memories().get(i));
        }
        return arr;
      });
      System.arraycopy(o, 0, all, at, o.length);
      at += o.length;
    }
    MemoryAllocator.Totals t = allocator.totals(all, link().blocks(MemoryKind.RAMB36, linkEndpoints));
    return new Quick(multipliers, logic + t.lutramLuts(), t, link().blocks(firstKind(board()), linkEndpoints),
        link().blocks(MemoryKind.URAM288, linkEndpoints));
  }

  /** The resources of a set of engines on this board, memories placed by the allocator. */
  public BoardUsage usage(List<EngineCost> engines, int linkEndpoints) {
    int multipliers = 0;
    long logic = link().luts() * linkEndpoints;
    long ddrBytes = 0;
    List<MemoryNeed> needs = new ArrayList<>();
    for (EngineCost e : engines) {
      multipliers += e.multipliers();
      logic += logic(e);
      ddrBytes += e.ddrBytesPerFrame();
      needs.addAll(e.memories());
    }
    MemoryAllocator.Allocation alloc = allocator.allocate(needs, link().blocks(MemoryKind.RAMB36, linkEndpoints));
    return new BoardUsage(multipliers, alloc, logic + alloc.luts(), link(), linkEndpoints, ddrBytes,
        ddrBytesPerCycle);
  }
}
