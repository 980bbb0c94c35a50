package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.boards.MemoryKind;
import org.shardwire.golden.Quantization;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.report.PlanTable;

/**
 * The M-KUBOS setting: ResNet-50 over four XCZU19EG boards with every weight on chip. It fits
 * only once UltraRAM holds wide weight memories; block RAM and UltraRAM are nearly full on the
 * boards holding layer3/layer4, which caps their folding. Slow: calibration runs ResNet-50.
 */
@Tag("slow")
class Resnet50MkubosPlanTest {

  @Test
  void resnet50FitsFourZu19egBoardsWithWeightsOnChip() {
    BoardList list = BoardList.parse("mkubos-zu19eg:4", BoardCatalog.builtIn());
    Plan p = Planner.plan(Quantization.quantize(ModelZoo.build("resnet50"), ModelZoo.DEFAULT_SEED), list,
        PlanOptions.defaults(list));
    System.out.print(PlanTable.boards(p));
    assertEquals(4, p.boards().size());
    for (BoardPlan b : p.boards()) {
      assertTrue(b.multipliers() <= 1968);
      assertTrue(b.memBlocks().get(MemoryKind.RAMB36) <= 984);
      assertTrue(b.memBlocks().get(MemoryKind.URAM288) <= 128);
    }
    assertEquals(4_089_184_256L, p.macsPerFrame());
    assertTrue(p.estFps() > 10, "est " + p.estFps() + " fps");
  }
}
