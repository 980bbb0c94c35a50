package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.conv.TiledConvEngineConfig;
import org.shardwire.boards.Board;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.Shape;

/**
 * Weight tiles (folding label {@code ddr-tile}, docs/ddr-weights.md): the weight-stationary
 * engine's figures in the plan are its config's, and the folder streams a late 3x3 conv whose
 * weights do not fit on chip once a frame, where the once-per-pixel engine would read them 49
 * times.
 */
class TiledWeightsPlanTest {
  private static final PlanOptions AUTO = new PlanOptions(200, OptionalInt.empty());
  private static final EngineSpec CONV = Nets.single(Shape.of(7, 7, 512), Nets.conv(512, 512, 3, 1, 1, 1));

  @Test
  void aTiledFoldingCostsWhatItsConfigStates() {
    Folding.PeSimd f = new Folding.PeSimd(16, 16).tiledFrom(128);
    assertEquals("pe16 simd16 ddr-tile", f.label());
    EngineCost c = CostModel.cost(CONV, f);
    TiledConvEngineConfig t = (TiledConvEngineConfig) CONV.engine().at(f, MemoryStyles.costing());
    assertEquals(t.cyclesPerFrame(), c.cycles());
    assertEquals(t.ddrBytesPerFrame(), c.ddrBytesPerFrame());
    assertEquals(512L * 9 * 512, c.ddrBytesPerFrame(), "the weights once a frame");
    assertEquals(49 * c.ddrBytesPerFrame(), CostModel.cost(CONV, new Folding.PeSimd(16, 16).streamedFrom(128))
        .ddrBytesPerFrame(), "the once-per-pixel engine reads them 49 times");
    assertEquals(CostModel.cost(CONV, f.onChip()).cycles(), c.cycles());
    assertTrue(c.memories().stream().anyMatch(m -> m.name().equals(TiledConvEngineConfig.FRAME_IN)));
  }

  @Test
  void offeredBesideTheOtherFormsOnBoardsWithDdr() {
    Board ddr = DdrWeightsPlanTest.withDdr("ddr", 1000, 100);
    assertTrue(CostModel.options(CONV, AUTO, ddr).stream().anyMatch(TiledWeightsPlanTest::tiled));
    assertFalse(CostModel.options(CONV, AUTO.withDdrWeights(DdrWeights.OFF), ddr).stream()
        .anyMatch(TiledWeightsPlanTest::tiled));
  }

  /** 2.36 MB of weights beside 100 RAMB36: only streaming fits, and only weight tiles keep the II. */
  @Test
  void theFolderTilesALateConvWhoseWeightsDoNotFit() {
    GraphBuilder b = new GraphBuilder("late");
    b.input("x", Shape.of(7, 7, 512));
    b.add("conv", Nets.conv(512, 512, 3, 1, 1, 1), "x");
    b.output("conv");
    Graph g = b.build();
    List<EngineSpec> specs = Nets.specs(g);
    Board board = DdrWeightsPlanTest.withDdr("tight", 600, 100);
    List<List<EngineCost>> opts = new ArrayList<>();
    for (EngineSpec s : specs) {
      opts.add(CostModel.options(s, AUTO, board));
    }
    BoardFolder.Result r = new BoardFolder(board, 200).fold(opts, 0, 0);
    assertTrue(r.fits(), r.shortfalls().toString());
    EngineCost conv = r.chosen().get(0);
    assertTrue(tiled(conv), conv.folding().label());
    // The layer's weights once a frame: 512 x 9 x 512 bytes, and a padded PE's pad lanes (zeros) beside them.
    assertEquals(conv.ddrBytesPerFrame(), r.usage().ddrBytesPerFrame());
    assertTrue(conv.ddrBytesPerFrame() >= 512L * 9 * 512 && conv.ddrBytesPerFrame() <= 512L * 9 * 512 * 11 / 10,
        conv.ddrBytesPerFrame() + " DDR bytes a frame at " + conv.folding().label());
    // 115.6 M MACs: at least PE 16 x SIMD 16 (451,584 cycles; wider tiles pass the 100 RAMB36),
    // far below the 7.2 M cycles the once-per-pixel engine's 115.6 MB a frame take at 16 bytes a cycle.
    assertTrue(r.cycles() <= 451_584, r.cycles() + " cycles, " + conv.folding().label());
    assertTrue(r.usage().ddrBytesPerFrame() <= 16.0 * r.cycles());
  }

  /** resnet8-cifar with its 3x3 layer3.0.conv2 forced to stream: tiled, and plan.json keeps it. */
  @Test
  void planJsonKeepsWeightTiles() {
    org.shardwire.boards.BoardList list = org.shardwire.boards.BoardList.parse("zcu102:1",
        org.shardwire.boards.BoardCatalog.builtIn());
    Plan p = Planner.plan(PlannerTest.graph("resnet8-cifar"), list,
        PlanOptions.defaults(list).withDdrWeights(DdrWeights.parse("layer3.0.conv2.bn")), Strategy.PIPELINE, 100);
    EnginePlan conv = p.boards().get(0).engines().stream().filter(e -> e.node().equals("layer3.0.conv2.bn"))
        .findFirst().orElseThrow();
    assertTrue(conv.folding() instanceof Folding.PeSimd ps && ps.tiled(), conv.folding().label());
    String json = org.shardwire.report.PlanFile.write(p);
    assertTrue(json.contains("\"ddr_tiles\": 1"), json);
    Plan back = org.shardwire.report.PlanFile.read("plan.json", json);
    assertEquals(p.boards().get(0).engines(), back.boards().get(0).engines());
    assertEquals(json, org.shardwire.report.PlanFile.write(back));
    Exception bad = assertThrows(RuntimeException.class, () -> org.shardwire.report.PlanFile.read("plan.json",
        json.replace("\"ddr_tiles\": 1", "\"ddr_tiles\": 2")));
    assertTrue(bad.getMessage().contains("ddr_tiles: must be 0 or 1, got 2") && bad.getMessage().contains("plan.json"),
        bad.getMessage());
  }

  /**
   * The same plan counts the shortcut FIFO beside the tiled conv as the tiled engine needs it: two
   * frames of the block's input (the conv needs one whole frame before its first output and takes
   * the next in while it computes; BranchFifosTest derives it by hand), where geometry alone gives
   * at most one. The lowering builds the same FIFO (it checks the plan against it).
   */
  @Test
  void theShortcutBesideATiledConvIsCountedAtTwoFrames() {
    org.shardwire.boards.BoardList list = org.shardwire.boards.BoardList.parse("zcu102:1",
        org.shardwire.boards.BoardCatalog.builtIn());
    org.shardwire.quant.QuantizedGraph q = PlannerTest.graph("resnet8-cifar");
    Plan p = Planner.plan(q, list, PlanOptions.defaults(list).withDdrWeights(DdrWeights.parse("layer3.0.conv2.bn")),
        Strategy.PIPELINE, 100);
    List<EnginePlan> engines = p.boards().get(0).engines();
    EnginePlan conv = engines.stream().filter(e -> e.node().equals("layer3.0.conv2.bn")).findFirst().orElseThrow();
    List<EngineSpec> specs = EngineSpecs.of(q);
    EngineSpec convSpec = specs.stream().filter(s -> s.node().equals(conv.node())).findFirst().orElseThrow();
    BranchFifos.Fifo beside = BranchFifos.of(q.graph(), java.util.Map.of(conv.node(),
        convSpec.engine().at(conv.folding(), MemoryStyles.costing()))).stream()
        .filter(f -> f.join().equals("layer3.0.add.relu")).findFirst().orElseThrow();
    Shape fork = q.graph().shape(beside.tensor());
    long frame = (long) fork.h() * fork.w() * fork.c();
    assertEquals(2 * frame, beside.elements(), beside.toString());
    assertEquals(frame, beside.deadlockBound(), beside.toString());
    assertTrue(BranchFifos.of(q.graph()).stream().filter(f -> f.reader().equals(beside.reader()))
        .allMatch(f -> f.elements() <= frame), "geometry alone: at most a frame");

    EnginePlan reader = engines.stream().filter(e -> e.node().equals(beside.reader())).findFirst().orElseThrow();
    EngineSpec readerSpec = specs.stream().filter(s -> s.node().equals(reader.node())).findFirst().orElseThrow();
    int lanes = readerSpec.engine().at(reader.folding(), MemoryStyles.costing()).inputs().get(0).lanes();
    MemoryPlan fifo = reader.memories().stream().filter(m -> m.name().equals(CostModel.BRANCH_FIFO)).findFirst()
        .orElseThrow();
    assertEquals(BranchFifos.words(2 * frame, lanes), fifo.depth());
  }

  private static boolean tiled(EngineCost c) {
    return c.folding() instanceof Folding.PeSimd p && p.tiled();
  }
}
