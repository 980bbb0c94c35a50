package org.shardwire.plan;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.boards.Board;
import org.shardwire.boards.MemoryKind;
import org.shardwire.hdl.Vendor;

/**
 * Answers exactly, where the greedy climb ({@link BoardFolder}) only tries: is there a folding of
 * every engine no slower than an II of T that fits the board, and which one takes the fewest
 * multipliers? A CP-SAT model (OR-Tools) with one choice per engine among its foldings of at most
 * T cycles, and one choice per memory of a chosen folding between block RAM and UltraRAM, under
 * the board's multipliers, LUTs (logic and LUT RAM), memory blocks of each kind and the bytes its
 * DDR delivers in T cycles.
 *
 * <p>The climb moves one engine at a time and keeps the first folding that fits, so on a board
 * held by memory (ResNet-50's layer4 and classifier: weights on chip, weight tiles and DDR
 * traffic all compete) it stops well above what some choice of foldings reaches. The model is the
 * same arithmetic the allocator and the folder use ({@link MemoryAllocator}: a memory's blocks in
 * each kind, LUT RAM for the shallow ones); the branch FIFOs that frame-holding engines deepen are
 * not in it: the caller counts them afterwards and, when they do not fit, asks again with their
 * blocks held back ({@link Reserve}).
 *
 * <p>Deterministic: one search worker, a fixed seed and a limit in the solver's deterministic
 * time, never wall time, so the same input gives the same plan on any machine.
 */
final class ExactBoardFolder {
  /** The solver's budget per question, in its deterministic time units (roughly seconds). */
  static final double DETERMINISTIC_LIMIT = 10.0;

  /**
   * Blocks held back for memories the model does not see (the branch FIFOs counted after it),
   * when any frame-holding folding is chosen.
   */
  record Reserve(double ramb36OrM20k, double uram) {
    static final Reserve NONE = new Reserve(0, 0);

    Reserve plus(double first, double ultra) {
      return new Reserve(ramb36OrM20k + Math.max(0, first), uram + Math.max(0, ultra));
    }
  }

  private final BoardFolder folder;

  ExactBoardFolder(BoardFolder folder) {
    this.folder = folder;
  }

  /**
   * One folding per engine (from {@code options}, in order) no slower than {@code target} and
   * within the board's budget, less {@code reserve} if one of {@code holders} (the foldings that
   * hold frames inside a fork, by identity) is chosen; the fewest multipliers among those the
   * search finds; null when there is none or the solver finds none within its limit.
   */
  List<EngineCost> fold(List<List<EngineCost>> options, Set<EngineCost> holders, int linkEndpoints,
      long target, Reserve reserve) {
    Board board = folder.board();
    List<List<EngineCost>> fast = new ArrayList<>();
    for (List<EngineCost> o : options) {
      List<EngineCost> kept = undominated(o, target);
      if (kept.isEmpty()) {
        return null;
      }
      fast.add(kept);
    }
    Loader.loadNativeLibraries();
    CpModel model = new CpModel();
    MemoryAllocator memory = folder.memory();
    LinkEndpointCost link = LinkEndpointCost.of(board.vendor());
    boolean intel = board.vendor() == Vendor.INTEL;
    boolean ultra = !intel && board.memoryBlocks(MemoryKind.URAM288) > 0;
    MemoryKind firstKind = BoardFolder.firstKind(board);
    long ddrCap = (long) Math.floor(target * folder.ddrBytesPerCycle() + 1e-9);

    LinearExprBuilder multipliers = LinearExpr.newBuilder();
    LinearExprBuilder luts = LinearExpr.newBuilder();
    LinearExprBuilder halves = LinearExpr.newBuilder(); // RAMB36 (M20K on Intel) in halves: RAMB18s count half
    LinearExprBuilder uram = LinearExpr.newBuilder();
    LinearExprBuilder ddr = LinearExpr.newBuilder();
    List<BoolVar[]> picks = new ArrayList<>();
    BoolVar holding = model.newBoolVar("holding");
    for (int e = 0; e < fast.size(); e++) {
      List<EngineCost> o = fast.get(e);
      BoolVar[] x = new BoolVar[o.size()];
      for (int j = 0; j < x.length; j++) {
        EngineCost c = o.get(j);
        x[j] = model.newBoolVar("e" + e + "o" + j);
        if (holders.contains(c)) {
          model.addImplication(x[j], holding);
        }
        multipliers.addTerm(x[j], c.multipliers());
        ddr.addTerm(x[j], c.ddrBytesPerFrame());
        long lutsOf = LogicEstimate.inLogicUnits(c.luts(), board.vendor());
        for (MemoryNeed m : c.memories()) {
          MemoryAllocator.Options p = memory.options(m);
          if (p.lutram()) {
            lutsOf += p.luts();
          } else if (intel) {
            halves.addTerm(x[j], Math.round(2 * p.m20k()));
          } else if (ultra && p.uram() <= board.memoryBlocks(MemoryKind.URAM288)) {
            // in block RAM unless z says UltraRAM (z only where the folding is chosen)
            BoolVar z = model.newBoolVar("");
            model.addImplication(z, x[j]);
            halves.addTerm(x[j], Math.round(2 * p.ramb36()));
            halves.addTerm(z, -Math.round(2 * p.ramb36()));
            uram.addTerm(z, Math.round(p.uram()));
          } else {
            halves.addTerm(x[j], Math.round(2 * p.ramb36()));
          }
        }
        luts.addTerm(x[j], lutsOf);
      }
      model.addExactlyOne(x);
      picks.add(x);
    }
    model.addLessOrEqual(multipliers, board.multipliers());
    model.addLessOrEqual(luts, board.logic() - link.luts() * linkEndpoints);
    halves.addTerm(holding, (long) Math.ceil(2 * reserve.ramb36OrM20k()));
    uram.addTerm(holding, (long) Math.ceil(reserve.uram()));
    model.addLessOrEqual(halves, (long) Math.floor(2 * (board.memoryBlocks(firstKind)
        - link.blocks(firstKind, linkEndpoints)) + 1e-9));
    if (ultra) {
      model.addLessOrEqual(uram, (long) Math.floor(board.memoryBlocks(MemoryKind.URAM288)
          - link.blocks(MemoryKind.URAM288, linkEndpoints) + 1e-9));
    }
    model.addLessOrEqual(ddr, ddrCap);
    model.minimize(multipliers);

    CpSolver solver = new CpSolver();
    solver.getParameters().setNumWorkers(1).setRandomSeed(1).setMaxDeterministicTime(DETERMINISTIC_LIMIT)
        .setLogSearchProgress(false);
    CpSolverStatus status = solver.solve(model);
    if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
      return null;
    }
    List<EngineCost> chosen = new ArrayList<>();
    for (int e = 0; e < picks.size(); e++) {
      BoolVar[] x = picks.get(e);
      for (int j = 0; j < x.length; j++) {
        if (solver.booleanValue(x[j])) {
          chosen.add(fast.get(e).get(j));
          break;
        }
      }
    }
    return chosen;
  }

  /**
   * The foldings of at most {@code target} cycles that no other such folding beats (no more
   * multipliers, logic or DDR bytes, and block memories that pair off with the other's, each no
   * larger in either kind, so every placement of the other's has one of its own no larger), in
   * their order: the model need not weigh the others.
   */
  private List<EngineCost> undominated(List<EngineCost> options, long target) {
    List<EngineCost> fast = new ArrayList<>();
    List<Figures> figures = new ArrayList<>();
    for (EngineCost c : options) {
      if (c.cycles() <= target) {
        fast.add(c);
        figures.add(figures(c));
      }
    }
    List<EngineCost> kept = new ArrayList<>();
    for (int i = 0; i < fast.size(); i++) {
      boolean beaten = false;
      for (int j = 0; j < fast.size() && !beaten; j++) {
        beaten = j != i && figures.get(j).beats(figures.get(i), j < i);
      }
      if (!beaten) {
        kept.add(fast.get(i));
      }
    }
    return kept;
  }

  /** What the model counts of a folding: multipliers, logic with LUT RAM, DDR bytes, and each block memory's blocks. */
  private record Figures(long multipliers, long luts, long ddrBytes, double[][] blocks) {
    /** No worse on every count (better on one, or the same and earlier). */
    boolean beats(Figures b, boolean earlier) {
      if (multipliers > b.multipliers || luts > b.luts || ddrBytes > b.ddrBytes || blocks.length > b.blocks.length) {
        return false;
      }
      boolean better = multipliers < b.multipliers || luts < b.luts || ddrBytes < b.ddrBytes
          || blocks.length < b.blocks.length;
      for (int i = 0; i < blocks.length; i++) {
        for (int k = 0; k < 2; k++) {
          if (blocks[i][k] > b.blocks[i][k]) {
            return false;
          }
          better |= blocks[i][k] < b.blocks[i][k];
        }
      }
      return better || earlier;
    }
  }

  private Figures figures(EngineCost c) {
    MemoryAllocator memory = folder.memory();
    boolean intel = folder.board().vendor() == Vendor.INTEL;
    long luts = LogicEstimate.inLogicUnits(c.luts(), folder.board().vendor());
    List<double[]> blocks = new ArrayList<>();
    for (MemoryNeed m : c.memories()) {
      MemoryAllocator.Options p = memory.options(m);
      if (p.lutram()) {
        luts += p.luts();
      } else {
        blocks.add(new double[] {intel ? p.m20k() : p.ramb36(), intel || Double.isInfinite(p.uram()) ? 0 : p.uram()});
      }
    }
    blocks.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(b[1], a[1]));
    return new Figures(c.multipliers(), luts, c.ddrBytesPerFrame(), blocks.toArray(new double[0][]));
  }
}
