package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.boards.MemoryKind;
import org.shardwire.golden.Quantization;
import org.shardwire.model.Node;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.QuantizedGraph;

/** Plans of the small zoo nets over 1-3 boards (and mixed lists) are complete, within budget and consistent. */
class PlannerTest {
  private static final Map<String, QuantizedGraph> GRAPHS = new HashMap<>();

  static synchronized QuantizedGraph graph(String model) {
    return GRAPHS.computeIfAbsent(model, m -> Quantization.quantize(ModelZoo.build(m), ModelZoo.DEFAULT_SEED));
  }

  static Plan plan(String model, String boards, PlanOptions options) {
    BoardList list = BoardList.parse(boards, BoardCatalog.builtIn());
    return Planner.plan(graph(model), list, options == null ? PlanOptions.defaults(list) : options);
  }

  @ParameterizedTest(name = "{0} over {1}")
  @CsvSource({"resnet8-cifar, zcu102:1", "resnet8-cifar, zcu102:2", "resnet8-cifar, zcu102:3",
      "shufflenet-tiny, zcu102:1", "shufflenet-tiny, zcu102:2", "shufflenet-tiny, zcu102:3",
      "resnet8-cifar, 'zcu102:1,f10a-a10gx1150:1'", "shufflenet-tiny, 'f10a-a10gx1150:1,mkubos-zu19eg:1,zcu102:1'",
      "resnet8-cifar, mkubos-zu19eg:2", "shufflenet-tiny, f10a-a10gx1150:2"})
  void planIsCompleteWithinBudgetAndConsistent(String model, String boards) {
    Plan p = plan(model, boards, null);
    BoardList list = BoardList.parse(boards, BoardCatalog.builtIn());
    QuantizedGraph q = graph(model);
    assertEquals(list.size(), p.boards().size());
    // every node exactly once, in graph order, every board has layers
    List<String> all = new ArrayList<>();
    for (BoardPlan b : p.boards()) {
      assertFalse(b.layers().isEmpty(), "board " + b.index() + " has no layers");
      all.addAll(b.layers());
    }
    assertEquals(q.graph().nodes().stream().map(Node::name).toList(), all);
    Map<String, EngineSpec> specs = new HashMap<>();
    for (EngineSpec s : EngineSpecs.of(q)) {
      specs.put(s.node(), s);
    }
    long slowest = 0;
    for (BoardPlan b : p.boards()) {
      Board board = list.get(b.index());
      assertEquals(board.id(), b.board());
      assertTrue(b.multipliers() <= board.multipliers(), b.board() + " multipliers");
      for (Map.Entry<MemoryKind, Double> e : b.memBlocks().entrySet()) {
        assertTrue(e.getValue() <= board.memoryBlocks(e.getKey()), b.board() + " " + e.getKey());
      }
      assertEquals(board.memoryKinds(), new ArrayList<>(b.memBlocks().keySet()));
      assertTrue(b.lutsEstimate() <= board.logic());
      // one endpoint per tensor crossing into and out of the board (two inside a block)
      assertEquals(p.links().stream().filter(l -> l.to() == b.index() || l.from() == b.index()).count(),
          b.linkEndpoints());
      for (EnginePlan e : b.engines()) {
        // the plan's figures are the cost model's for the chosen folding
        EngineCost c = CostModel.cost(specs.get(e.node()), e.folding(), board.vendor());
        assertEquals(c.cycles(), e.cycles(), e.node());
        assertEquals(c.multipliers(), e.multipliers(), e.node());
        assertEquals(c.memories().size(), e.memories().size(), e.node());
      }
      slowest = Math.max(slowest, b.cyclesPerFrame());
    }
    // each cut's links carry exactly the tensors made up to the board and read after it
    Map<String, Integer> boardOf = new HashMap<>();
    for (BoardPlan b : p.boards()) {
      b.layers().forEach(layer -> boardOf.put(layer, b.index()));
    }
    for (int k = 0; k + 1 < list.size(); k++) {
      int kk = k;
      java.util.Set<String> crossing = new java.util.TreeSet<>();
      for (Node n : q.graph().nodes()) {
        if (boardOf.get(n.name()) > kk) {
          n.inputs().stream().filter(t -> boardOf.containsKey(t) && boardOf.get(t) <= kk).forEach(crossing::add);
        }
      }
      assertEquals(crossing, new java.util.TreeSet<>(p.links().stream().filter(l -> l.from() == kk)
          .map(LinkPlan::tensor).toList()), "cut after board " + k);
    }
    for (LinkPlan l : p.links()) {
      assertEquals(q.graph().shape(l.tensor()).elements(), l.bytesPerFrame());
      assertTrue(l.utilisation(p.estFps()) <= 1.0);
      slowest = Math.max(slowest, l.cycles());
    }
    assertEquals(slowest, p.cyclesPerFrame());
    assertEquals(p.clockMhz() * 1e6 / slowest, p.estFps(), 1e-9);
    assertTrue(p.multiplierEfficiency() > 0 && p.multiplierEfficiency() <= 1, "efficiency " + p.multiplierEfficiency());
  }

  @Test
  void moreBoardsAreNeverSlower() {
    for (String model : List.of("resnet8-cifar", "shufflenet-tiny")) {
      long one = plan(model, "zcu102:1", null).cyclesPerFrame();
      assertTrue(plan(model, "zcu102:2", null).cyclesPerFrame() <= one, model);
      assertTrue(plan(model, "zcu102:3", null).cyclesPerFrame() <= one, model);
    }
  }

  @Test
  void multiplierCapKeepsEveryEngineSmall() {
    BoardList list = BoardList.parse("zcu102:2", BoardCatalog.builtIn());
    Plan capped = Planner.plan(graph("resnet8-cifar"), list, PlanOptions.defaults(list).withMaxMultipliersPerEngine(24));
    for (BoardPlan b : capped.boards()) {
      for (EnginePlan e : b.engines()) {
        assertTrue(e.multipliers() <= 24, e.node() + " uses " + e.multipliers());
      }
    }
    assertTrue(capped.cyclesPerFrame() > plan("resnet8-cifar", "zcu102:2", null).cyclesPerFrame());
  }

  @Test
  void clockScalesFramesPerSecondOnly() {
    BoardList list = BoardList.parse("zcu102:2", BoardCatalog.builtIn());
    Plan at100 = Planner.plan(graph("shufflenet-tiny"), list, PlanOptions.defaults(list).withClockMhz(100));
    Plan at200 = Planner.plan(graph("shufflenet-tiny"), list, PlanOptions.defaults(list));
    assertEquals(at200.cyclesPerFrame(), at100.cyclesPerFrame());
    assertEquals(at200.estFps() / 2, at100.estFps(), 1e-9);
  }

  @Test
  void tooManyBoardsForTheCutsIsRefused() {
    int blocks = GraphCuts.of(graph("resnet8-cifar").graph(), GraphCuts.PIPELINE_CROSSING).blockCount();
    int n = blocks + 1;
    PlanException e = assertThrows(PlanException.class, () -> plan("resnet8-cifar", "zcu102:" + n, null));
    assertTrue(e.getMessage().contains("cannot split resnet8-cifar over " + n + " boards")
        && e.getMessage().contains("at most " + blocks), e.getMessage());
  }

  @Test
  void boardThatCannotHoldItsShareIsNamedWithResourceAndShortfall() {
    BoardList list = new BoardList(List.of(Nets.xilinx("small", 2520, 3, 0, 274_080), Nets.xilinx("small", 2520, 3, 0,
        274_080)), "small:2");
    PlanException e = assertThrows(PlanException.class,
        () -> Planner.plan(graph("resnet8-cifar"), list, PlanOptions.defaults(list)));
    assertTrue(e.getMessage().matches("(?s)resnet8-cifar does not fit on small:2 .*\n  small #[01]: needs [0-9.]+ RAMB36 "
        + "for layers \\S+\\.\\.\\S+, has 3 \\(short by [0-9.]+\\).*"), e.getMessage());
  }
}
