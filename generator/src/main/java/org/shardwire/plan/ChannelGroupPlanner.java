package org.shardwire.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardList;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.Flatten;
import org.shardwire.model.Graph;
import org.shardwire.quant.QuantizedGraph;

/**
 * The channel-group planner (docs/channel-groups.md): every board holds 1/N of each layer's
 * groups ({@link ChannelGroupSlicer} gives each board an int8 graph of its own), every board is
 * costed and folded from its own engine configs exactly like a pipeline board, and the boards
 * exchange slices at the synchronisation points over direct links. All boards work on the same
 * frame at once, so the cluster's II is its slowest board or its busiest board-to-board link;
 * every board is then refolded only as far as that II needs.
 *
 * <p>Links: every pair of boards that exchanges anything gets its own lanes; a board's wired
 * lanes are shared evenly by its neighbours (never more than the catalog's lanes per neighbour).
 * The streams between two boards share those lanes, so each stream's {@link LinkPlan#cycles()}
 * is the time the pair's lanes take for all of their streams of one frame.
 */
public final class ChannelGroupPlanner {
  private ChannelGroupPlanner() {}

  /**
   * Plans {@code q} over {@code boards} by channel groups, with lanes of one-way latency
   * {@code laneLatencyCycles} (sizes the exchange FIFOs); what cannot be split or fit throws
   * {@link PlanException}.
   */
  public static Plan plan(QuantizedGraph q, BoardList boards, PlanOptions options, int laneLatencyCycles) {
    if (boards.size() < 2) {
      throw new PlanException("channel groups need at least 2 boards, got " + boards.size() + " (" + boards.spec()
          + ")");
    }
    List<Integer> all = new ArrayList<>();
    for (int d = 0; d < boards.size(); d++) {
      all.add(d);
    }
    return plan(q, boards, options, laneLatencyCycles, List.of(new Stage(all, q.graph().nodes().get(0).name())));
  }

  /**
   * Plans {@code q} as pipeline {@code stages}, each splitting its layers over its boards by
   * channel groups (one stage: channel groups; several: a mixed plan).
   */
  public static Plan plan(QuantizedGraph q, BoardList boards, PlanOptions options, int laneLatencyCycles,
      List<Stage> stages) {
    int n = boards.size();
    ChannelGroupSlicer.Slicing slicing = ChannelGroupSlicer.slice(q, stages);
    List<Pair> pairs = pairs(slicing, boards, options, laneLatencyCycles);
    List<Folded> folded = fold(q, slicing, boards, options, laneLatencyCycles);
    long ii = slowest(folded, pairs);
    List<BoardFolder.Result> climbed = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      Folded f = folded.get(d);
      BoardFolder.Result r = f.folder.climb(f.start, f.costs, f.endpoints, ii);
      climbed.add(r.noSlowerThan(ii) ? r : f.fastest); // the climb to ii may stop above it (BoardFolder#fastest)
    }
    List<BoardPlan> plans = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      plans.add(BoardPlans.of(d, boards.get(d), folded.get(d).specs, climbed.get(d),
          ends(slicing, d, folded, climbed, boards, laneLatencyCycles), options.clockMhz()));
    }
    List<LinkPlan> links = new ArrayList<>();
    for (ChannelGroupSlicer.Exchange x : slicing.exchanges()) {
      Pair p = pairs.stream().filter(a -> a.from == x.from() && a.to == x.to()).findFirst().orElseThrow();
      links.add(new LinkPlan(x.from(), x.to(), x.stream(), x.shape(), p.budget.lanes(), p.budget.lineRateGbps(),
          p.budget.capacityGbps(), p.cycles));
    }
    return new Plan(q.graph().name(), stages.size() == 1 ? Strategy.CHANNEL_GROUP : Strategy.MIXED, boards.spec(),
        options.clockMhz(), q.graph().totalMacs(), plans, links, stages, laneLatencyCycles,
        macBound(folded, pairs, boards), foldBound(folded, pairs));
  }

  /**
   * The fold bound of this structure ({@link FoldBound}): its boards' own (each its share of its
   * stage's layers) and its busiest pair of boards; null if a board's share never fits.
   */
  private static FoldBound foldBound(List<Folded> folded, List<Pair> pairs) {
    return worst(folded, pairs, (d, f) -> FoldBound.ofBoard(share(d), nodes(f), f.costs, f.folder.memory(),
        f.folder.ddrBytesPerCycle()), FoldBound::new);
  }

  /** The MAC bound of this structure ({@link MacBound}): its boards' own bounds and its busiest pair of boards. */
  private static MacBound macBound(List<Folded> folded, List<Pair> pairs, BoardList boards) {
    return worst(folded, pairs, (d, f) -> MacBound.ofBoard(share(d), nodes(f), f.costs, boards.get(d).multipliers()),
        MacBound::new);
  }

  /**
   * The largest of every board's bound ({@code ofBoard}, null when its share never fits, which makes
   * the answer null) and every pair of boards' link cycles (named by {@code atPair}).
   */
  private static <B extends Bound> B worst(List<Folded> folded, List<Pair> pairs,
      BiFunction<Integer, Folded, B> ofBoard, BiFunction<Long, String, B> atPair) {
    B worst = null;
    for (int d = 0; d < folded.size(); d++) {
      B b = ofBoard.apply(d, folded.get(d));
      if (b == null) {
        return null;
      }
      worst = worst == null || b.cycles() > worst.cycles() ? b : worst;
    }
    for (Pair p : pairs) {
      if (p.cycles > worst.cycles()) {
        worst = atPair.apply(p.cycles, "the link pair #" + p.from + " -> #" + p.to);
      }
    }
    return worst;
  }

  private static String share(int d) {
    return "board #" + d + " (its share of its stage's layers)";
  }

  private static List<String> nodes(Folded f) {
    return f.specs.stream().map(EngineSpec::node).toList();
  }

  /**
   * The II the plan of {@code stages} would have (its slowest board folded as far as its budget
   * allows, or its busiest pair of boards), without assembling it: what a search compares.
   * A layout that cannot be split or fit throws {@link PlanException}.
   */
  static long estimate(QuantizedGraph q, BoardList boards, PlanOptions options, int laneLatencyCycles,
      List<Stage> stages) {
    ChannelGroupSlicer.Slicing slicing = ChannelGroupSlicer.slice(q, stages);
    List<Pair> pairs = pairs(slicing, boards, options, laneLatencyCycles);
    return slowest(fold(q, slicing, boards, options, laneLatencyCycles), pairs);
  }

  /** One board costed and folded to its budget: its specs (exchange FIFOs included), options, start. */
  private record Folded(List<EngineSpec> specs, List<List<EngineCost>> costs, BoardFolder folder,
                        BoardFolder.Result start, int endpoints, BoardFolder.Result fastest) {}

  /** Every board, exchange FIFOs included, folded as fast as its budget allows. */
  private static List<Folded> fold(QuantizedGraph q, ChannelGroupSlicer.Slicing slicing, BoardList boards,
      PlanOptions options, int laneLatency) {
    int n = boards.size();
    List<Folded> out = new ArrayList<>();
    StringBuilder noFit = new StringBuilder();
    for (int d = 0; d < n; d++) {
      QuantizedGraph board = slicing.boards().get(d);
      List<EngineSpec> s = new ArrayList<>();
      for (EngineSpec e : EngineSpecs.of(board)) {
        s.add(withExchangeFifo(e, board, laneLatency));
      }
      List<List<EngineCost>> all = new ArrayList<>();
      for (EngineSpec e : s) {
        all.add(CostModel.options(e, options, boards.get(d)));
      }
      int ends = endpoints(slicing, d);
      BoardFolder folder = new BoardFolder(boards.get(d), options.clockMhz());
      // Branch FIFOs here are sized for streaming engines (the lowering builds them from the board's
      // graph), so no engine that keeps whole frames goes inside a fork (PlannedBranchFifos).
      List<List<EngineCost>> c = new PlannedBranchFifos(board.graph(), s, b -> folder).withoutFrameHolders(0, all);
      BoardFolder.Result start = folder.start(c, ends);
      for (Shortfall f : start.shortfalls()) {
        noFit.append("\n  ").append(boards.get(d).id()).append(" #").append(d).append(": ")
            .append(f.describe("its 1/" + n + " share of every layer"));
      }
      BoardFolder.Result fastest = start.fits()
          ? BoardFolder.fastest(target -> folder.climb(start, c, ends, target)) : start;
      out.add(new Folded(s, c, folder, start, ends, fastest));
    }
    if (noFit.length() > 0) {
      throw new PlanException(q.graph().name() + " split by channel groups over " + boards.spec()
          + " does not fit with every weight on chip:" + noFit + "\n(use more boards, or the pipeline strategy)");
    }
    return out;
  }

  private static long slowest(List<Folded> boards, List<Pair> pairs) {
    long s = 1;
    for (Folded f : boards) {
      s = Math.max(s, f.start.fits() ? f.fastest.cycles() : 0);
    }
    for (Pair p : pairs) {
      s = Math.max(s, p.cycles);
    }
    return s;
  }

  /**
   * The exchange FIFOs of a board's graph, by gather node and input index, in int8 elements: what
   * {@link #withExchangeFifo} counts, for the board assembly to build.
   */
  public static Map<String, Map<Integer, Long>> exchangeFifos(QuantizedGraph board, int laneLatency) {
    Map<String, Map<Integer, Long>> out = new LinkedHashMap<>();
    Map<String, org.shardwire.model.Shape> shapes = board.graph().shapes();
    for (org.shardwire.model.Node n : board.graph().nodes()) {
      if (!(n.layer() instanceof org.shardwire.model.Concat) || !n.name().contains("@")
          || n.inputs().stream().noneMatch(board.graph()::isInput)) {
        continue;
      }
      for (int i = 0; i < n.inputs().size(); i++) {
        if (!board.graph().isInput(n.inputs().get(i))) {
          out.computeIfAbsent(n.name(), k -> new LinkedHashMap<>())
              .put(i, ExchangeFifos.elements(shapes.get(n.inputs().get(i)), laneLatency));
        }
      }
    }
    return out;
  }

  /** A gather that waits for a remote piece gets {@link ExchangeFifos} in front of its local pieces. */
  private static EngineSpec withExchangeFifo(EngineSpec e, QuantizedGraph board, int laneLatency) {
    Map<Integer, Long> fifos = exchangeFifos(board, laneLatency).get(e.node());
    if (fifos == null) {
      return e;
    }
    long extra = fifos.values().stream().mapToLong(Long::longValue).sum();
    return new EngineSpec(e.node(), e.op(), e.kind(), e.inputs(), e.output(), e.kernelH(), e.kernelW(), e.padTop(),
        e.groups(), e.macs(), e.skipFifoBytes() + extra, e.engine());
  }

  /**
   * Board d's link endpoints, in the order the lowering builds them (per exchange, in the
   * slicing's order: the sender's end, or the receiver's), each sized to its stream at the width
   * the sender's folding gives it ({@link #exchangeEnd}). Boards are folded with full-size
   * endpoints ({@link #endpoints}), so a board whose ends come out smaller only has room to spare.
   */
  private static List<EndpointPlan> ends(ChannelGroupSlicer.Slicing s, int d, List<Folded> folded,
      List<BoardFolder.Result> climbed, BoardList boards, int laneLatency) {
    List<EndpointPlan> out = new ArrayList<>();
    for (ChannelGroupSlicer.Exchange x : s.exchanges()) {
      if (x.from() == d || x.to() == d) {
        int lanes = sentLanes(s.boards().get(x.from()).graph(), x.stream(), folded.get(x.from()).specs,
            climbed.get(x.from()).chosen());
        out.add(exchangeEnd(x, lanes, boards.get(d).vendor(), laneLatency));
      }
    }
    return out;
  }

  /**
   * Either end of exchange {@code x} when its stream is {@code lanes} values wide: a link whose
   * buffers cover the stream's full speed for one round trip ({@link LinkConfig#forStream}); the
   * lowering builds exactly this (and checks it against the plan).
   */
  public static EndpointPlan exchangeEnd(ChannelGroupSlicer.Exchange x, int lanes, Vendor vendor, int laneLatency) {
    return EndpointPlan.of(LinkConfig.forStream(lanes, vendor, x.bytes() / lanes, laneLatency));
  }

  /** The width of stream {@code stream} of a board as folded: its producer's output lanes (through a flatten). */
  private static int sentLanes(Graph g, String stream, List<EngineSpec> specs, List<EngineCost> chosen) {
    String producer = stream;
    while (g.node(producer).layer() instanceof Flatten) {
      producer = g.node(producer).inputs().get(0);
    }
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).node().equals(producer)) {
        Folding f = chosen.get(i).folding();
        int lanes = f instanceof Folding.Unfolded ? 0
            : specs.get(i).engine().at(f, MemoryStyles.costing()).outputs().get(0).lanes(); // as built (padded PE)
        if (lanes < 1) {
          throw new IllegalStateException("exchanged stream " + stream + ": its producer " + producer
              + " has no output width in folding " + chosen.get(i).folding().label());
        }
        return lanes;
      }
    }
    throw new IllegalStateException("exchanged stream " + stream + " has no producer among the board's engines");
  }

  /** The link endpoints of board d while it is folded: one full-size endpoint per stream it sends or receives. */
  private static int endpoints(ChannelGroupSlicer.Slicing s, int d) {
    int e = 0;
    for (ChannelGroupSlicer.Exchange x : s.exchanges()) {
      e += (x.from() == d ? 1 : 0) + (x.to() == d ? 1 : 0);
    }
    return e;
  }

  /** The traffic of one direction between two boards, on the lanes they share. */
  private record Pair(int from, int to, LinkBudget budget, long bytes, long cycles) {}

  private static List<Pair> pairs(ChannelGroupSlicer.Slicing s, BoardList boards, PlanOptions options,
      int laneLatency) {
    int n = boards.size();
    List<TreeSet<Integer>> neighbours = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      neighbours.add(new TreeSet<>());
    }
    // Every exchanged stream has its own link endpoint, which sustains its own word rate.
    Map<List<Integer>, List<Long>> streams = new LinkedHashMap<>();
    for (ChannelGroupSlicer.Exchange x : s.exchanges()) {
      neighbours.get(x.from()).add(x.to());
      neighbours.get(x.to()).add(x.from());
      streams.computeIfAbsent(List.of(x.from(), x.to()), k -> new ArrayList<>()).add(x.bytes());
    }
    List<Pair> pairs = new ArrayList<>();
    for (Map.Entry<List<Integer>, List<Long>> e : streams.entrySet()) {
      int a = e.getKey().get(0);
      int b = e.getKey().get(1);
      LinkBudget both = LinkBudget.between(boards.get(a), boards.get(b));
      int lanes = Math.min(both.lanes(), Math.min(lanesPerNeighbour(boards.get(a), neighbours.get(a).size()),
          lanesPerNeighbour(boards.get(b), neighbours.get(b).size())));
      if (lanes < 1) {
        int short0 = lanesPerNeighbour(boards.get(a), neighbours.get(a).size()) < 1 ? a : b;
        throw new PlanException("board #" + short0 + " (" + boards.get(short0).id() + ") exchanges slices with "
            + neighbours.get(short0).size() + " boards but has " + boards.get(short0).link().wiredLanes()
            + " wired lanes: channel groups need a lane to every board it exchanges with");
      }
      LinkBudget budget = new LinkBudget(lanes, both.lineRateGbps(), both.lanePayloadGbps());
      long bytes = e.getValue().stream().mapToLong(Long::longValue).sum();
      pairs.add(new Pair(a, b, budget, bytes, budget.cycles(e.getValue(), options.clockMhz(), laneLatency)));
    }
    return pairs;
  }

  private static int lanesPerNeighbour(Board b, int neighbours) {
    return Math.min(b.link().lanes(), b.link().wiredLanes() / Math.max(1, neighbours));
  }
}
