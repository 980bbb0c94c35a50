package org.shardwire.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardList;
import org.shardwire.boards.MemoryKind;
import org.shardwire.model.Shape;
import org.shardwire.quant.QuantizedGraph;

/**
 * The pipeline planner: cost every engine, find the legal cuts, choose the contiguous split over
 * the boards that minimises the slowest stage ({@link PipelinePartitioner}, every candidate run
 * folded to its board's budget by {@link BoardFolder}), then refold every board only as far as
 * the pipeline's II needs, so boards that are not the bottleneck keep their spare multipliers.
 */
public final class Planner {
  /** Questions to the exact folder, each holding back the branch FIFOs the last answer did not fit. */
  private static final int EXACT_ATTEMPTS = 3;
  /** {@link #lessClimbed}: each retry's II over the last, and how many retries. */
  private static final double RECLIMB_STEP = 1.05;
  private static final int RECLIMB_ATTEMPTS = 8;
  private final QuantizedGraph graph;
  private final BoardList boards;
  private final PlanOptions options;
  private final int laneLatencyCycles;
  private final List<EngineSpec> specs;
  /** Every engine's cost options per board kind (Xilinx boards may pack two MACs per DSP; DDR ports differ). */
  private final Map<String, List<List<EngineCost>>> engineOptions = new HashMap<>();
  private final GraphCuts cuts;
  private final Map<String, BoardFolder> folders = new HashMap<>();
  private final Map<String, BoardFolder.Result> starts = new HashMap<>();
  private final Map<String, BoardFolder.Result> folded = new HashMap<>();
  /** Per run: its fastest fold ({@link BoardFolder#fastest}). */
  private final Map<String, BoardFolder.Result> fastest = new HashMap<>();
  private final PlannedBranchFifos branchFifos;
  /** Each run's fold bound (empty when it never fits), by {@link #run}. */
  private final Map<String, Optional<FoldBound>> foldBounds = new HashMap<>();
  /** Per run: the options without engines that hold frames inside a fork, and the folder's start with them. */
  private final Map<String, List<List<EngineCost>>> streamingOptions = new HashMap<>();
  private final Map<String, BoardFolder.Result> streamingStarts = new HashMap<>();

  Planner(QuantizedGraph graph, BoardList boards, PlanOptions options) {
    this(graph, boards, options, LinkConfig.DEFAULT_LANE_LATENCY);
  }

  Planner(QuantizedGraph graph, BoardList boards, PlanOptions options, int laneLatencyCycles) {
    this.graph = graph;
    this.boards = boards;
    this.options = options;
    this.laneLatencyCycles = laneLatencyCycles;
    this.specs = EngineSpecs.of(graph);
    this.cuts = GraphCuts.of(graph.graph(), GraphCuts.PIPELINE_CROSSING);
    this.branchFifos = new PlannedBranchFifos(graph.graph(), specs, this::folder);
  }

  /**
   * Plans {@code graph} over {@code boards} as a pipeline, on lanes of the default latency; a
   * network that cannot fit throws {@link PlanException}.
   */
  public static Plan plan(QuantizedGraph graph, BoardList boards, PlanOptions options) {
    return new Planner(graph, boards, options).run();
  }

  /**
   * Plans with a strategy: the pipeline here, channel groups in {@link ChannelGroupPlanner}, mixed
   * plans and the choice between all three in {@link StagedSearch}. The lanes' one-way latency,
   * {@code laneLatencyCycles}, bounds what a link sustains (a credit window per round trip) and
   * sizes the exchange FIFOs.
   */
  public static Plan plan(QuantizedGraph graph, BoardList boards, PlanOptions options, Strategy strategy,
      int laneLatencyCycles) {
    checkDdrLayers(graph, options);
    return switch (strategy) {
      case PIPELINE -> pipeline(graph, boards, options, laneLatencyCycles);
      case CHANNEL_GROUP -> ChannelGroupPlanner.plan(graph, boards, options, laneLatencyCycles);
      case MIXED -> StagedSearch.mixed(graph, boards, options, laneLatencyCycles);
      case AUTO -> StagedSearch.auto(graph, boards, options, laneLatencyCycles);
    };
  }

  /** Every layer {@code --ddr-weights} names must be a conv or fully connected layer of the graph. */
  static void checkDdrLayers(QuantizedGraph graph, PlanOptions options) {
    java.util.Set<String> conv = new java.util.LinkedHashSet<>();
    for (EngineSpec s : EngineSpecs.of(graph)) {
      if (s.kind() == EngineKind.CONV) {
        conv.add(s.node());
      }
    }
    List<String> unknown = options.ddrWeights().unknown(conv);
    if (!unknown.isEmpty()) {
      throw new PlanException("--ddr-weights: " + unknown + " " + (unknown.size() == 1 ? "is not a" : "are not")
          + " conv or fully connected layer(s) of " + graph.graph().name() + " (those are: "
          + String.join(", ", conv.stream().limit(12).toList()) + (conv.size() > 12 ? ", ..." : "") + ")");
    }
  }

  /** The pipeline plan on lanes of one-way latency {@code laneLatencyCycles}. */
  static Plan pipeline(QuantizedGraph graph, BoardList boards, PlanOptions options, int laneLatencyCycles) {
    return new Planner(graph, boards, options, laneLatencyCycles).run();
  }

  Plan run() {
    String model = graph.graph().name();
    int n = boards.size();
    int blocks = cuts.blockCount();
    if (blocks < n) {
      List<String> at = new ArrayList<>();
      for (GraphCuts.Cut c : cuts.cuts()) {
        at.add(c.tensor());
      }
      throw new PlanException("cannot split " + model + " over " + n + " boards (" + boards.spec() + "): it has only "
          + cuts.cuts().size() + " place(s) where one or two tensors cross " + (at.isEmpty() ? "" : at.toString())
          + ", so at most " + blocks + " board(s) can get layers");
    }
    Optional<PipelinePartitioner.Split> split = solve(costs()).map(this::tightened);
    if (split.isEmpty()) {
      throw new PlanException(explainNoFit(model, blocks));
    }
    return assemble(model, split.get()).withMacBound(macBound()).withFoldBound(foldBound());
  }

  /**
   * The fold bound of the split of the legal cuts that minimises it ({@link FoldBound}), links
   * included: no choice of foldings over these cuts makes a faster pipeline. Null when no split fits
   * even by that count (the planner then found no plan either).
   */
  FoldBound foldBound() {
    if (foldBound == null) {
      foldBound = Optional.ofNullable(boundOverCuts(this::boardFoldBound, FoldBound::new));
    }
    return foldBound.orElse(null);
  }

  /** {@link #foldBound}, once computed (it also decides whether the split looks inside blocks). */
  private Optional<FoldBound> foldBound;

  private FoldBound boardFoldBound(int k, int first, int end) {
    return foldBounds.computeIfAbsent(run(k, first, end), x -> {
      BoardFolder folder = folder(boards.get(k));
      return Optional.ofNullable(FoldBound.ofBoard(boardName(k, first, end), nodes(first, end), options(k, first, end),
          folder.memory(), folder.ddrBytesPerCycle()));
    }).orElse(null);
  }

  /**
   * The MAC bound of the split of the legal cuts that minimises it ({@link MacBound}), links
   * included: no pipeline over these cuts can go faster, however it folds.
   */
  MacBound macBound() {
    return boundOverCuts(this::boardMacBound, MacBound::new);
  }

  private MacBound boardMacBound(int k, int first, int end) {
    return MacBound.ofBoard(boardName(k, first, end), nodes(first, end), options(k, first, end),
        boards.get(k).multipliers());
  }

  /** A board's bound holding blocks [first, end), or null when they never fit it. */
  private interface RunBound<B> {
    B of(int k, int first, int end);
  }

  /**
   * The split of the legal cuts whose largest stage bound ({@code bound} for a board, the link's
   * own cycles for a link, named by {@code atLink}) is smallest, and that stage's bound; null when
   * no split fits.
   */
  private <B extends Bound> B boundOverCuts(RunBound<B> bound, BiFunction<Long, String, B> atLink) {
    int n = boards.size();
    int blocks = cuts.blockCount();
    PipelinePartitioner.Costs stages = new PipelinePartitioner.Costs() {
      @Override
      public long board(int k, int first, int end) {
        B b = bound.of(k, first, end);
        return b == null ? PipelinePartitioner.INFEASIBLE : b.cycles();
      }

      @Override
      public long link(int k, int block) {
        return costs().link(k, block);
      }

      @Override
      public long load(int k, int first, int end, long slowest) {
        return 0;
      }
    };
    Optional<PipelinePartitioner.Split> best = PipelinePartitioner.solve(blocks, n, stages);
    if (best.isEmpty()) {
      return null;
    }
    PipelinePartitioner.Split s = best.get();
    for (int k = 0; k < n; k++) {
      B b = bound.of(k, s.starts().get(k), s.end(k, blocks));
      if (b.cycles() == s.slowest()) {
        return b;
      }
      if (k + 1 < n && stages.link(k, s.end(k, blocks)) == s.slowest()) {
        return atLink.apply(s.slowest(), "link #" + k + " -> #" + (k + 1) + " ("
            + String.join(", ", cuts.cutBefore(s.end(k, blocks)).tensors()) + ")");
      }
    }
    throw new IllegalStateException("no stage of the bound's split is its slowest");
  }

  private String boardName(int k, int first, int end) {
    return "board #" + k + " (" + layerRange(first, end) + ")";
  }

  private List<String> nodes(int first, int end) {
    return specs.subList(cuts.blockStart(first), cuts.blockStart(end)).stream().map(EngineSpec::node).toList();
  }

  /** The blocks between cuts (what the partitioner splits). */
  int blockCount() {
    return cuts.blockCount();
  }

  /** The block whose first engine is {@code layer} (a test's hand-made split); -1 when no block starts there. */
  int blockStartingAt(String layer) {
    for (int b = 0; b < cuts.blockCount(); b++) {
      if (specs.get(cuts.blockStart(b)).node().equals(layer)) {
        return b;
      }
    }
    return -1;
  }

  /** The stage costs the partitioner minimises (package-private so tests can check it against brute force). */
  PipelinePartitioner.Costs costs() {
    return new PipelinePartitioner.Costs() {
      @Override
      public long board(int k, int first, int end) {
        BoardFolder.Result r = fold(k, first, end);
        return r.fits() ? r.cycles() : PipelinePartitioner.INFEASIBLE;
      }

      @Override
      public long link(int k, int block) {
        return linkCycles(k, cuts.cutBefore(block));
      }

      @Override
      public long load(int k, int first, int end, long slowest) {
        return ppm(foldTo(k, first, end, slowest).usage().worstRatio(boards.get(k)));
      }

      @Override
      public long boardAtLeast(int k, int first, int end) {
        FoldBound b = boardFoldBound(k, first, end);
        return b == null ? PipelinePartitioner.INFEASIBLE : b.cycles();
      }
    };
  }

  /**
   * The split: over the cuts where one tensor crosses first (between blocks), then over all cuts
   * only where that can be faster. The one-tensor cuts are a subset of all, so their split is one
   * of all's, and its II a ceiling: a run whose fold bound lies above it is in no better split and
   * is never folded. A split inside blocks is taken only when strictly faster, so a network the
   * finer cuts do not speed up keeps one link per cut; and when the fold bound over all cuts
   * already reaches the ceiling, the finer search is skipped.
   */
  private Optional<PipelinePartitioner.Split> solve(PipelinePartitioner.Costs all) {
    int n = boards.size();
    List<Integer> starts = new ArrayList<>(List.of(0)); // the blocks that start after a one-tensor cut
    for (int b = 1; b < cuts.blockCount(); b++) {
      if (cuts.startsAfterOneTensor(b)) {
        starts.add(b);
      }
    }
    starts.add(cuts.blockCount());
    Optional<PipelinePartitioner.Split> between = PipelinePartitioner.solve(starts.size() - 1, n,
        PipelinePartitioner.coarsened(all, starts)).map(s -> new PipelinePartitioner.Split(
            s.starts().stream().map(starts::get).toList(), s.slowest(), s.loadSquares()));
    long ceiling = between.map(PipelinePartitioner.Split::slowest).orElse(PipelinePartitioner.INFEASIBLE);
    FoldBound bound = foldBound();
    if (between.isPresent() && (bound == null || bound.cycles() >= ceiling)) {
      return between;
    }
    Optional<PipelinePartitioner.Split> inside = PipelinePartitioner.solve(cuts.blockCount(), n, all, ceiling);
    return inside.isPresent() && (between.isEmpty() || inside.get().slowest() < ceiling) ? inside : between;
  }

  /**
   * {@code s}, or a faster split {@link SplitCover} finds with the exact board fold where the fold
   * bound leaves room below it: the candidate IIs are the cycles of the engines' foldings between
   * the fold bound and {@code s}'s II.
   */
  private PipelinePartitioner.Split tightened(PipelinePartitioner.Split s) {
    FoldBound bound = foldBound();
    if (bound == null || bound.cycles() >= s.slowest()) {
      return s;
    }
    TreeSet<Long> iis = new TreeSet<>();
    for (Board b : boards.boards().stream().distinct().toList()) { // boards of one kind share their options
      for (List<EngineCost> engine : allOptions(b)) {
        for (EngineCost c : engine) {
          if (c.cycles() >= bound.cycles() && c.cycles() < s.slowest()) {
            iis.add(c.cycles());
          }
        }
      }
    }
    SplitCover.Found f = SplitCover.lowest(cuts.blockCount(), boards.size(), new ArrayList<>(iis),
        new SplitCover.Runs() {
          @Override
          public boolean fitsQuickly(int k, int first, int end, long target) {
            return refold(k, first, end, target).noSlowerThan(target);
          }

          @Override
          public boolean fitsExactly(int k, int first, int end, long target) {
            return exactFold(k, first, end, target) != null;
          }

          @Override
          public long link(int k, int end) {
            return linkCycles(k, cuts.cutBefore(end));
          }
        });
    return f == null ? s : new PipelinePartitioner.Split(f.starts(), f.target(), s.loadSquares());
  }

  /** The plan of a split: every board refolded only as far as the split's slowest stage needs. */
  Plan assemble(String model, PipelinePartitioner.Split s) {
    int n = boards.size();
    int blocks = cuts.blockCount();
    List<BoardPlan> boardPlans = new ArrayList<>();
    List<LinkPlan> links = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int first = s.starts().get(k);
      int end = s.end(k, blocks);
      BoardFolder.Result r = foldTo(k, first, end, s.slowest());
      boardPlans.add(boardPlan(k, first, end, r));
      if (k + 1 < n) {
        GraphCuts.Cut cut = cuts.cutBefore(end);
        LinkBudget budget = linkBudget(k);
        long cycles = linkCycles(k, cut);
        for (int t = 0; t < cut.tensors().size(); t++) {
          links.add(new LinkPlan(k, k + 1, cut.tensors().get(t), cut.shapes().get(t), budget.lanes(),
              budget.lineRateGbps(), budget.capacityGbps(), cycles));
        }
      }
    }
    return new Plan(model, Strategy.PIPELINE, boards.spec(), options.clockMhz(), graph.graph().totalMacs(), boardPlans,
        links);
  }

  /** Board folds at a target as {@link ExactBoardFolder} finds them (empty: none), by run and target. */
  private final Map<String, Optional<BoardFolder.Result>> exactFolds = new HashMap<>();

  private BoardFolder folder(Board b) {
    return folders.computeIfAbsent(b.id(), id -> new BoardFolder(b, options.clockMhz()));
  }

  /**
   * Board k holding blocks [first, end): one link endpoint per tensor crossing the cut before it
   * (none on the first board) and per tensor crossing the cut after it (none on the last).
   */
  private int endpoints(int k, int first, int end) {
    return (k > 0 ? cuts.cutBefore(first).tensors().size() : 0)
        + (k + 1 < boards.size() ? cuts.cutBefore(end).tensors().size() : 0);
  }

  private LinkBudget linkBudget(int k) {
    return LinkBudget.between(boards.get(k), boards.get(k + 1));
  }

  /**
   * Cycles per frame of the links from board k carrying {@code cut}: each tensor through its own
   * endpoint, all of them on the pair's lanes ({@link LinkBudget#cycles(List, double, int)}).
   */
  private long linkCycles(int k, GraphCuts.Cut cut) {
    return linkBudget(k).cycles(cut.shapes().stream().map(Shape::elements).toList(), options.clockMhz(),
        laneLatencyCycles);
  }

  /** The cost options of every engine on a board of {@code board}'s kind (cached by kind). */
  private List<List<EngineCost>> allOptions(Board board) {
    return engineOptions.computeIfAbsent(board.id(), v -> {
      List<List<EngineCost>> o = new ArrayList<>();
      for (EngineSpec s : specs) {
        o.add(CostModel.options(s, options, board));
      }
      return o;
    });
  }

  /** The cost options of the engines of blocks [firstBlock, endBlock) on board k. */
  private List<List<EngineCost>> options(int k, int firstBlock, int endBlock) {
    List<List<EngineCost>> all = allOptions(boards.get(k));
    int from = cuts.blockStart(firstBlock);
    int to = cuts.blockStart(endBlock);
    List<List<EngineCost>> run = all.subList(from, to);
    if (k + 1 == boards.size() || cuts.startsAfterOneTensor(endBlock)) {
      return run;
    }
    // The run ends inside a block: its engines after the block's fork send a shortcut whose join,
    // and so its branch FIFO, is on the next board, which is folded without knowing them. An
    // engine that holds frames there would deepen that FIFO unseen, so it is not offered.
    int partial = endBlock - 1;
    while (partial > firstBlock && !cuts.startsAfterOneTensor(partial)) {
      partial--;
    }
    int split = cuts.blockStart(partial);
    List<List<EngineCost>> out = new ArrayList<>(all.subList(from, split));
    out.addAll(branchFifos.withoutFrameHolders(split, all.subList(split, to)));
    return out;
  }

  /** Board k holding blocks [first, end), folded as fast as its budget allows ({@link BoardFolder#fastest}); cached. */
  private BoardFolder.Result fold(int k, int first, int end) {
    return fastest.computeIfAbsent(run(k, first, end), x -> BoardFolder.fastest(target -> refold(k, first, end,
        target)));
  }

  /** The cache key of board k holding [first, end): its kind, its link endpoints and the run (same kind, same fold). */
  private String run(int k, int first, int end) {
    return boards.get(k).id() + "/" + endpoints(k, first, end) + "/" + first + "/" + end;
  }

  /**
   * Board k holding [first, end) folded only as far as a pipeline of II {@code target} needs; when
   * the climb to that target stops above it, the fastest fold, which the partitioner found no
   * slower than the target.
   */
  private BoardFolder.Result foldTo(int k, int first, int end, long target) {
    BoardFolder.Result r = refold(k, first, end, target);
    if (r.noSlowerThan(target)) {
      return r;
    }
    BoardFolder.Result exact = exactFolds.getOrDefault(run(k, first, end) + "@" + target, Optional.empty()).orElse(null);
    return exact != null ? exact : fold(k, first, end);
  }

  /**
   * Board k holding [first, end) folded only until its slowest engine is no slower than {@code
   * target} (package-private so tests can compare it with {@link #fold}).
   */
  BoardFolder.Result refold(int k, int first, int end, long target) {
    Board b = boards.get(k);
    String run = run(k, first, end);
    BoardFolder.Result r = folded.get(run + "@" + target);
    if (r == null) {
      int links = endpoints(k, first, end);
      int firstNode = cuts.blockStart(first);
      List<List<EngineCost>> options = options(k, first, end);
      BoardFolder.Result start = starts.computeIfAbsent(run, x -> folder(b).start(options, links));
      r = branchFifos.counted(b, firstNode, folder(b).climb(start, options, links, target), links);
      if (!r.fits()) {
        BoardFolder.Result climbed = r;
        // The branch FIFOs its frame-holding engines need do not fit: fold the board without them
        // (started once per run, as the climb with them).
        List<List<EngineCost>> streaming = streamingOptions.computeIfAbsent(run,
            x -> branchFifos.withoutFrameHolders(firstNode, options));
        BoardFolder.Result streamingStart = streamingStarts.computeIfAbsent(run,
            x -> folder(b).start(streaming, links));
        r = branchFifos.counted(b, firstNode, folder(b).climb(streamingStart, streaming, links, target), links);
        r = lessClimbed(k, first, end, start, climbed, r);
      }
      folded.put(run + "@" + target, r);
    }
    return r;
  }

  /**
   * Board k holding [first, end) at an II of at most {@code target} as {@link ExactBoardFolder}
   * finds it, with its branch FIFOs counted; null when it finds none (cached by run and target).
   * The FIFOs the chosen frame holders deepen are not in its model: when they do not fit, it is
   * asked again with their blocks held back whenever a frame holder is chosen, up to {@value
   * #EXACT_ATTEMPTS} times in all.
   */
  BoardFolder.Result exactFold(int k, int first, int end, long target) {
    return exactFolds.computeIfAbsent(run(k, first, end) + "@" + target, x -> {
      BoardFolder.Result r = exactFoldOnce(k, first, end, target);
      return Optional.ofNullable(r);
    }).orElse(null);
  }

  private BoardFolder.Result exactFoldOnce(int k, int first, int end, long target) {
    Board b = boards.get(k);
    int links = endpoints(k, first, end);
    int firstNode = cuts.blockStart(first);
    ExactBoardFolder exact = new ExactBoardFolder(folder(b));
    List<List<EngineCost>> options = options(k, first, end);
    Set<EngineCost> holders = branchFifos.frameHolders(firstNode, options);
    ExactBoardFolder.Reserve reserve = ExactBoardFolder.Reserve.NONE;
    for (int attempt = 0; attempt < EXACT_ATTEMPTS; attempt++) {
      List<EngineCost> chosen = exact.fold(options, holders, links, target, reserve);
      if (chosen == null) {
        return null;
      }
      BoardFolder.Result plain = folder(b).of(chosen, links);
      BoardFolder.Result r = branchFifos.counted(b, firstNode, plain, links);
      if (r.noSlowerThan(target)) {
        return r;
      }
      MemoryKind kind = BoardFolder.firstKind(b);
      reserve = reserve.plus(r.usage().blocks(kind) - plain.usage().blocks(kind),
          r.usage().blocks(MemoryKind.URAM288) - plain.usage().blocks(MemoryKind.URAM288));
    }
    return null;
  }

  /**
   * The climb spent the memory the branch FIFOs of its frame-holding engines need (it counts
   * them only afterwards). Climbing the same start only to a slower II leaves memory free: try
   * II steps of {@link #RECLIMB_STEP} above the one that did not fit, and take the first that
   * fits with its FIFOs if it beats {@code fallback} (the board folded without frame holders).
   */
  private BoardFolder.Result lessClimbed(int k, int first, int end, BoardFolder.Result start,
      BoardFolder.Result climbed, BoardFolder.Result fallback) {
    Board b = boards.get(k);
    int links = endpoints(k, first, end);
    List<List<EngineCost>> options = options(k, first, end);
    long limit = fallback.fits() ? fallback.cycles() : Long.MAX_VALUE;
    long target = climbed.cycles();
    for (int attempt = 0; attempt < RECLIMB_ATTEMPTS; attempt++) {
      target = (long) Math.ceil(target * RECLIMB_STEP);
      if (target >= limit) {
        break;
      }
      BoardFolder.Result r = branchFifos.counted(b, cuts.blockStart(first), folder(b).climb(start, options, links,
          target), links);
      if (r.fits()) {
        return r.cycles() < limit ? r : fallback;
      }
    }
    return fallback;
  }

  /** A used/available ratio in millionths, for the partitioner's integer arithmetic. */
  private static long ppm(double ratio) {
    return Double.isInfinite(ratio) ? PipelinePartitioner.INFEASIBLE - 1 : (long) Math.ceil(ratio * 1e6);
  }

  private String layerRange(int first, int end) {
    String a = specs.get(cuts.blockStart(first)).node();
    String b = specs.get(cuts.blockStart(end) - 1).node();
    return a.equals(b) ? a : a + ".." + b;
  }

  /**
   * No split fits: find the split whose fullest board is least over budget (same exact DP, on the
   * unfolded engines' worst used/available ratio) and name every board of it that does not fit.
   */
  private String explainNoFit(String model, int blocks) {
    int n = boards.size();
    PipelinePartitioner.Costs ratio = new PipelinePartitioner.Costs() {
      @Override
      public long board(int k, int first, int end) {
        return ppm(fold(k, first, end).usage().worstRatio(boards.get(k)));
      }

      @Override
      public long link(int k, int block) {
        return 0;
      }

      @Override
      public long load(int k, int first, int end, long slowest) {
        return 0;
      }
    };
    PipelinePartitioner.Split s = PipelinePartitioner.solve(blocks, n, ratio).orElseThrow();
    StringBuilder msg = new StringBuilder(model + " does not fit on " + boards.spec()
        + " with every weight on chip; the closest split:");
    for (int k = 0; k < n; k++) {
      int first = s.starts().get(k);
      int end = s.end(k, blocks);
      for (Shortfall f : fold(k, first, end).shortfalls()) {
        msg.append("\n  ").append(boards.get(k).id()).append(" #").append(k).append(": ")
            .append(f.describe(layerRange(first, end)));
      }
    }
    msg.append("\nwhat each board of that split would use (a board that fits: folded as far as its budget allows):");
    for (int k = 0; k < n; k++) {
      int first = s.starts().get(k);
      int end = s.end(k, blocks);
      msg.append("\n  ").append(boards.get(k).id()).append(" #").append(k).append(" ").append(layerRange(first, end))
          .append(": ").append(fold(k, first, end).usage().describe(boards.get(k)));
    }
    msg.append("\n(use more boards, or boards with more memory blocks / multipliers)");
    return msg.toString();
  }

  private BoardPlan boardPlan(int k, int first, int end, BoardFolder.Result r) {
    int from = cuts.blockStart(first);
    return BoardPlans.of(k, boards.get(k), specs.subList(from, from + r.chosen().size()), r,
        java.util.Collections.nCopies(endpoints(k, first, end), EndpointPlan.full()), options.clockMhz());
  }
}
