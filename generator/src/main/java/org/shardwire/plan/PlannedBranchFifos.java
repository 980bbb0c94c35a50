package org.shardwire.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.boards.Board;
import org.shardwire.model.Graph;

/**
 * The branch FIFOs of a folded board as its chosen engines need them. {@link EngineSpecs} sizes
 * every FIFO for streaming engines (window geometry), which is what the folder weighs; an engine
 * that takes in more than that (the weight-stationary conv keeps whole frames, {@link
 * EngineConfig#inputWordsInFlight}) on the path between a fork and its join deepens the FIFO of
 * the branch beside it. Once a board is folded, its readers are costed again with the FIFOs
 * {@link BranchFifos#of(Graph, Map)} derives from the chosen configs, so the plan counts what the
 * lowering builds (it checks the two agree).
 */
final class PlannedBranchFifos {
  private final Graph graph;
  private final List<EngineSpec> specs;
  private final Function<Board, BoardFolder> folders;
  /** Per cost option (by identity): its config when it holds more than geometry says. */
  private final Map<EngineCost, Optional<EngineConfig>> beyond = new IdentityHashMap<>();
  /** The nodes between a fork and its join ({@link BranchFifos#betweenForkAndJoin}), found once. */
  private java.util.Set<String> insideForks;
  /** The FIFOs (reader -> input -> elements) for each set of frame-holding engines, by node and folding. */
  private final Map<Map<String, Folding>, Map<String, Map<Integer, Long>>> derived = new HashMap<>();

  PlannedBranchFifos(Graph graph, List<EngineSpec> specs, Function<Board, BoardFolder> folders) {
    this.graph = graph;
    this.specs = specs;
    this.folders = folders;
  }

  /**
   * {@code r}, the engines {@code specs[from..]} folded on {@code board}, with every reader whose
   * branch FIFO its chosen engines deepen costed again at its folding, and the board's usage and
   * shortfalls counted again (unchanged when no chosen engine holds frames inside a fork).
   */
  BoardFolder.Result counted(Board board, int from, BoardFolder.Result r, int linkEndpoints) {
    Map<String, EngineConfig> holding = new LinkedHashMap<>();
    Map<String, Folding> key = new LinkedHashMap<>();
    for (int i = 0; i < r.chosen().size(); i++) {
      EngineSpec s = specs.get(from + i);
      EngineCost c = r.chosen().get(i);
      holder(s, c).ifPresent(config -> {
        holding.put(s.node(), config);
        key.put(s.node(), c.folding());
      });
    }
    if (holding.isEmpty()) {
      return r;
    }
    Map<String, Map<Integer, Long>> fifos = derived.computeIfAbsent(key,
        k -> BranchFifos.byReader(BranchFifos.of(graph, holding)));
    List<EngineCost> chosen = new ArrayList<>(r.chosen());
    for (int i = 0; i < chosen.size(); i++) {
      EngineSpec s = specs.get(from + i);
      long skip = fifos.getOrDefault(s.node(), Map.of()).values().stream().mapToLong(Long::longValue).sum();
      if (skip != s.skipFifoBytes()) {
        chosen.set(i, CostModel.cost(new EngineSpec(s.node(), s.op(), s.kind(), s.inputs(), s.output(), s.kernelH(),
            s.kernelW(), s.padTop(), s.groups(), s.macs(), skip, s.engine()), chosen.get(i).folding(), board.vendor()));
      }
    }
    BoardUsage usage = folders.apply(board).usage(chosen, linkEndpoints);
    return new BoardFolder.Result(List.copyOf(chosen), usage, usage.shortfalls(board), r.limit());
  }

  /** {@code options} of the engines {@code specs[from..]} without the foldings that hold frames inside a fork. */
  List<List<EngineCost>> withoutFrameHolders(int from, List<List<EngineCost>> options) {
    List<List<EngineCost>> out = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      EngineSpec s = specs.get(from + i);
      List<EngineCost> kept = new ArrayList<>();
      for (EngineCost c : options.get(i)) {
        if (holder(s, c).isEmpty()) {
          kept.add(c);
        }
      }
      out.add(kept.isEmpty() ? options.get(i) : kept);
    }
    return out;
  }

  /** The options of the engines {@code specs[from..]} that hold frames inside a fork (by identity). */
  Set<EngineCost> frameHolders(int from, List<List<EngineCost>> options) {
    Set<EngineCost> holders = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < options.size(); i++) {
      EngineSpec s = specs.get(from + i);
      for (EngineCost c : options.get(i)) {
        if (holder(s, c).isPresent()) {
          holders.add(c);
        }
      }
    }
    return holders;
  }

  /** The config of option {@code c} of {@code s} if it takes in more than geometry says and lies inside a fork. */
  private Optional<EngineConfig> holder(EngineSpec s, EngineCost c) {
    Optional<EngineConfig> config = beyondGeometry(s, c);
    if (config.isEmpty()) {
      return config;
    }
    if (insideForks == null) {
      insideForks = BranchFifos.betweenForkAndJoin(graph);
    }
    return insideForks.contains(s.node()) ? config : Optional.empty();
  }

  /** The config of option {@code c} of {@code s} if it takes in more than geometry says. */
  private Optional<EngineConfig> beyondGeometry(EngineSpec s, EngineCost c) {
    return beyond.computeIfAbsent(c, x -> {
      if (s.kind() == EngineKind.WIRE) {
        return Optional.empty();
      }
      Map<String, EngineConfig> one = Map.of(s.node(), s.engine().at(c.folding(), MemoryStyles.costing()));
      return BranchFifos.beyondGeometry(graph, one).values().stream().findFirst();
    });
  }
}
