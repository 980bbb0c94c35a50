package org.shardwire.emit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.emit.board.BoardTop;
import org.shardwire.emit.board.BoardTopConfig;
import org.shardwire.golden.Quantization;
import org.shardwire.hdl.HardwareCensus;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.plan.Plan;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Planner;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.testing.TestPaths;

/**
 * The branch FIFOs a board top builds sit in the RAM the plan placed them in: each FIFO's storage
 * carries the RAM-style attribute of its placement (block RAM, UltraRAM, M20K, LUT RAM), so the
 * synthesis tool cannot put a FIFO the plan counted as LUT RAM into block RAM or the reverse.
 */
class BranchFifoPlacementTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"resnet8-cifar, zcu102:1", "shufflenet-tiny, f10a-a10gx1150:1"})
  void everyBranchFifoCarriesThePlacementOfThePlan(String modelName, String boardSpec) {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build(modelName), ModelZoo.DEFAULT_SEED);
    BoardList boards = BoardList.parse(boardSpec, BoardCatalog.builtIn());
    Plan plan = Planner.plan(q, boards, PlanOptions.defaults(boards));
    Board board = boards.boards().get(0);
    BoardTopConfig top = Lowering.lower(q, plan, boards.boards().stream().map(Board::vendor).toList()).boards().get(0);

    // Where the plan placed each reader's FIFO, read the one way the lowering reads it.
    Map<String, Optional<RamStyle>> planned = new TreeMap<>();
    Lowering.branchFifoStyles(plan.boards().get(0), board.vendor().defaultRamStyle())
        .forEach((reader, style) -> planned.put(reader, Optional.of(style)));
    assertFalse(planned.isEmpty(), modelName + " has residual joins, so its plan places branch FIFOs");

    HardwareCensus census = new VerilogEmitter(board.vendor(), "branch FIFO placement test")
        .elaborate(() -> new BoardTop(top), TestPaths.freshDir("branch-fifo-placement/" + modelName)).census();
    Map<String, Optional<RamStyle>> built = new TreeMap<>();
    for (HardwareCensus.MemoryInstance m : census.memories()) {
      String instance = m.path().substring(0, m.path().indexOf('/'));
      for (String reader : planned.keySet()) {
        if (instance.startsWith("fifo_") && instance.endsWith("_to_" + BoardTop.verilogName(reader))) {
          built.put(reader, m.style());
        }
      }
    }
    assertEquals(planned, built);
  }
}
