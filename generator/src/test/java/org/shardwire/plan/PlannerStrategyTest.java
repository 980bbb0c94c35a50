package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.golden.Quantization;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.QuantizedGraph;

/**
 * {@code --strategy auto} keeps the structure with the lowest estimated II: each of pipeline,
 * channel groups and mixed is chosen on a case where it wins, and the chosen plan is exactly the
 * plan its own strategy gives.
 */
class PlannerStrategyTest {
  private static final int LANE_LATENCY = 100;

  @Test
  void channelGroupsWinWhenEveryLayerDividesOverTheBoards() {
    // Engines capped at 24 multipliers: a quarter of every layer per board beats any pipeline split.
    Plan auto = plan("resnet8-cifar", "zcu102:4", 24, Strategy.AUTO);
    assertEquals(Strategy.CHANNEL_GROUP, auto.strategy());
    long pipeline = plan("resnet8-cifar", "zcu102:4", 24, Strategy.PIPELINE).cyclesPerFrame();
    long mixed = plan("resnet8-cifar", "zcu102:4", 24, Strategy.MIXED).cyclesPerFrame();
    assertTrue(auto.cyclesPerFrame() < mixed && mixed < pipeline, auto.cyclesPerFrame() + " / " + mixed + " / "
        + pipeline);
    assertEquals(plan("resnet8-cifar", "zcu102:4", 24, Strategy.CHANNEL_GROUP), auto);
  }

  @Test
  void mixedWinsWhenTheBoardsCannotAllShareTheChannels() {
    // 16 channels cannot go over 3 boards; a stage of 2 boards sharing its layers and one of 1 beat a pipeline.
    Plan auto = plan("resnet8-cifar", "zcu102:3", 24, Strategy.AUTO);
    assertEquals(Strategy.MIXED, auto.strategy());
    List<Integer> sizes = auto.stages().stream().map(Stage::size).toList();
    assertTrue(sizes.equals(List.of(2, 1)) || sizes.equals(List.of(1, 2)), auto.stages().toString());
    assertThrows(PlanException.class, () -> plan("resnet8-cifar", "zcu102:3", 24, Strategy.CHANNEL_GROUP));
    long pipeline = plan("resnet8-cifar", "zcu102:3", 24, Strategy.PIPELINE).cyclesPerFrame();
    assertTrue(2 * auto.cyclesPerFrame() <= pipeline, auto.cyclesPerFrame() + " vs pipeline " + pipeline);
    assertEquals(plan("resnet8-cifar", "zcu102:3", 24, Strategy.MIXED), auto);
  }

  @Test
  void thePipelineWinsATieSinceItNeedsFewestLinks() {
    // Bound by the stem (3 input channels: one MAC per cycle per output channel whatever the
    // split), every structure estimates the same II; the pipeline has one link per cut.
    Plan auto = plan("i-shufflenet-tiny-d2", "f10a-a10gx1150:4", 0, Strategy.AUTO);
    assertEquals(Strategy.PIPELINE, auto.strategy());
    assertEquals(auto.cyclesPerFrame(), plan("i-shufflenet-tiny-d2", "f10a-a10gx1150:4", 0, Strategy.MIXED)
        .cyclesPerFrame());
    assertEquals(plan("i-shufflenet-tiny-d2", "f10a-a10gx1150:4", 0, Strategy.PIPELINE), auto);
  }

  @Test
  void aMixedPlanNeedsThreeBoards() {
    PlanException e = assertThrows(PlanException.class, () -> plan("resnet8-cifar", "zcu102:2", 0, Strategy.MIXED));
    assertTrue(e.getMessage().contains("at least 3 boards"), e.getMessage());
  }

  private static Plan plan(String model, String boards, int cap, Strategy strategy) {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build(model), 1);
    BoardList list = BoardList.parse(boards, BoardCatalog.builtIn());
    PlanOptions options = new PlanOptions(list.defaultClockMhz(), cap == 0 ? OptionalInt.empty() : OptionalInt.of(cap));
    return Planner.plan(q, list, options, strategy, LANE_LATENCY);
  }
}
