package org.shardwire.emit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.emit.board.BoardTop;
import org.shardwire.emit.board.BoardTopConfig;
import org.shardwire.golden.Quantization;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.plan.Plan;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Planner;
import org.shardwire.plan.Strategy;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.VerilatorBuilder;
import org.shardwire.templates.TemplateRenderer;
import org.shardwire.testing.TestPaths;

/**
 * The per-board RTL of a channel-group plan: i-shufflenet-tiny-d2 over two Arria 10 boards, each
 * board built from its own graph at the plan's foldings (the lowering fails if an engine's
 * memories are not the plan's), with one link endpoint per exchanged stream, lint-clean under
 * {@code verilator --lint-only -Wall}.
 */
class ChannelGroupBoardsLintTest {
  private static final int LANE_LATENCY = 100;

  @Test
  void everyBoardHasItsExchangeEndpointsAndIsLintClean() {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build("i-shufflenet-tiny-d2"), 1);
    BoardList boards = BoardList.parse("f10a-a10gx1150:2", BoardCatalog.builtIn());
    Plan plan = Planner.plan(q, boards, PlanOptions.defaults(boards), Strategy.CHANNEL_GROUP, LANE_LATENCY);
    ChannelGroupLowering.Lowered lowered = ChannelGroupLowering.lower(q, plan,
        boards.boards().stream().map(Board::vendor).toList(), LANE_LATENCY);
    Path out = TestPaths.freshDir("channel-group-boards");
    VerilatorBuilder verilator = new VerilatorBuilder(BuildContext.detect(TestPaths.verilatorCache(), out, 1),
        new TemplateRenderer());
    int exchanges = lowered.slicing().exchanges().size();
    int endpoints = 0;
    for (BoardTopConfig b : lowered.boards()) {
      String stamp = GeneratorStamp.header("board " + b.index() + " (channel groups test)", b.configHash());
      EmittedDesign d = new VerilogEmitter(boards.get(b.index()).vendor(), stamp, "board" + b.index() + "_")
          .emit(() -> new BoardTop(b), out.resolve("board" + b.index()));
      List<String> ports = d.ports().stream().map(EmittedDesign.Port::name).toList();
      assertTrue(ports.contains("s_axis_tdata"), "every board reads the image: " + ports);
      assertEquals(b.index() == 0, ports.contains("m_axis_tdata"), "board 0 writes the scores: " + ports);
      for (int j = 0; j < exchanges; j++) {
        var x = lowered.slicing().exchanges().get(j);
        if (x.from() == b.index()) {
          assertTrue(ports.contains(ChannelGroupLowering.txPort(j) + "_data_data"), "sender of " + x + ": " + ports);
          endpoints++;
        }
        if (x.to() == b.index()) {
          assertTrue(ports.contains(ChannelGroupLowering.rxPort(j) + "_data_data"), "receiver of " + x + ": " + ports);
          endpoints++;
        }
      }
      assertEquals(plan.boards().get(b.index()).linkEndpoints(), b.rxLinks().size() + b.txLinks().size(),
          "the plan counted the endpoints the board builds");
      assertEquals("", verilator.lint(d), "board " + b.index() + " is not lint-clean");
    }
    assertEquals(2 * exchanges, endpoints);
  }
}
