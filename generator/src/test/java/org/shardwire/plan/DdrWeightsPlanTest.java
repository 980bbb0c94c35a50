package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.conv.StreamedConvEngineConfig;
import org.shardwire.boards.Board;
import org.shardwire.boards.DdrBank;
import org.shardwire.boards.LinkPort;
import org.shardwire.boards.MemoryKind;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.Activation;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.Shape;

/**
 * Weights streamed from DDR as a folding the planner weighs (docs/ddr-weights.md): what it costs
 * (read from {@link StreamedConvEngineConfig}), where it is offered, and how the folder takes it
 * only where on-chip memory runs out and the board's DDR delivers the bytes in the board's II.
 */
class DdrWeightsPlanTest {
  private static final PlanOptions AUTO = new PlanOptions(200, OptionalInt.empty());
  private static final EngineSpec FC = Nets.single(Shape.of(1, 1, 512), Nets.fc(512, 100));

  /** A Xilinx board with one 64-bit DDR4-2400 bank behind a 128-bit port: 16 bytes a cycle at 200 MHz. */
  static Board withDdr(String id, int multipliers, int ramb36) {
    return new Board(id, id, Vendor.XILINX, "test", "DSP48E2", multipliers,
        Map.of(MemoryKind.RAMB36, ramb36, MemoryKind.URAM288, 0), "LUT", 400_000,
        new LinkPort("GTH", 4, 2, 10.3125, "64b/66b", 156.25), 200,
        List.of(new DdrBank("PS DDR4", "DDR4", 64, 2400, 0.75, 4096, 128)));
  }

  @Test
  void aStreamedFoldingCostsWhatItsStreamedConfigStates() {
    Folding.PeSimd f = new Folding.PeSimd(4, 16).streamedFrom(128);
    EngineCost c = CostModel.cost(FC, f);
    StreamedConvEngineConfig s = (StreamedConvEngineConfig) FC.engine().at(f, MemoryStyles.costing());
    assertEquals(s.cyclesPerFrame(), c.cycles());
    assertEquals(s.ddrBytesPerFrame(), c.ddrBytesPerFrame());
    assertEquals(512 * 100, c.ddrBytesPerFrame(), "one pass over 100 x 512 int8 weights: 512-bit words, 4 beats each");
    assertEquals(s.macMultipliers(), c.macMultipliers());
    assertEquals(s.memories().stream().map(MemorySpec::name).toList(),
        c.memories().stream().map(MemoryNeed::name).toList());
    assertTrue(c.memories().stream().noneMatch(m -> m.name().startsWith("weights")), "no weight ROM");
    assertTrue(c.memories().stream().anyMatch(m -> m.name().equals(StreamedConvEngineConfig.BUFFER)));
    assertEquals("pe4 simd16 ddr", f.label());
    EngineCost onChip = CostModel.cost(FC, f.onChip());
    assertEquals(0, onChip.ddrBytesPerFrame());
    assertTrue(onChip.memories().stream().anyMatch(m -> m.name().startsWith("weights")));
  }

  @Test
  void offeredOnBoardsWithDdrUnlessOffAndOnlyStreamedWhenForced() {
    Board ddr = withDdr("ddr", 1000, 100);
    assertTrue(CostModel.options(FC, AUTO, ddr).stream().anyMatch(DdrWeightsPlanTest::streamed));
    assertTrue(CostModel.options(FC, AUTO, ddr).stream().anyMatch(c -> !streamed(c)));
    assertFalse(CostModel.options(FC, AUTO.withDdrWeights(DdrWeights.OFF), ddr).stream()
        .anyMatch(DdrWeightsPlanTest::streamed));
    assertTrue(CostModel.options(FC, AUTO.withDdrWeights(DdrWeights.parse("n")), ddr).stream()
        .allMatch(DdrWeightsPlanTest::streamed), "a layer named by --ddr-weights streams");
    assertFalse(CostModel.options(FC, AUTO.withDdrWeights(DdrWeights.parse("other")), ddr).stream()
        .anyMatch(DdrWeightsPlanTest::streamed), "a layer not named stays on chip");
    Board none = Nets.xilinx("none", 1000, 100, 0, 400_000);
    assertFalse(CostModel.options(FC, AUTO, none).stream().anyMatch(DdrWeightsPlanTest::streamed));
    PlanException e = assertThrows(PlanException.class,
        () -> CostModel.options(FC, AUTO.withDdrWeights(DdrWeights.parse("n")), none));
    assertTrue(e.getMessage().contains("no DDR bank"), e.getMessage());
    // on chip before streamed at the same cost: the climb takes the streamed twin only when the other does not fit
    List<EngineCost> o = CostModel.options(FC, AUTO, ddr);
    for (int i = 0; i < o.size(); i++) {
      if (streamed(o.get(i))) {
        Folding twin = ((Folding.PeSimd) o.get(i).folding()).onChip();
        int at = i;
        assertTrue(o.subList(0, at).stream().anyMatch(c -> c.folding().equals(twin)) || o.stream().noneMatch(c ->
            c.folding().equals(twin) && c.cycles() == o.get(at).cycles()), o.get(i).folding().label());
      }
    }
  }

  /**
   * A small conv over a 16x16 map beside a large classifier on a board whose block RAM holds
   * neither's weights with the rest: the classifier streams (its weights are read once a frame);
   * the conv, whose weights would be read once per each of its 256 output pixels, stays on chip.
   */
  @Test
  void theFolderStreamsTheLayerWithFewPixelsAndManyWeightsWithinTheBandwidth() {
    GraphBuilder b = new GraphBuilder("ddrnet");
    b.input("x", Shape.of(16, 16, 64));
    b.add("conv", Nets.conv(64, 64, 3, 1, 1, 1), "x");
    b.add("pool", new GlobalAvgPool(), "conv");
    b.add("fc", Nets.fc(64, 4096), "pool");
    b.output("fc");
    Graph g = b.build();
    List<EngineSpec> specs = Nets.specs(g);
    Board board = withDdr("tight", 600, 40);
    List<List<EngineCost>> opts = new ArrayList<>();
    for (EngineSpec s : specs) {
      opts.add(CostModel.options(s, AUTO, board));
    }
    BoardFolder f = new BoardFolder(board, 200);
    BoardFolder.Result r = f.fold(opts, 0, 0);
    assertTrue(r.fits(), r.shortfalls().toString());
    int conv = index(specs, "conv");
    int fc = index(specs, "fc");
    assertFalse(streamed(r.chosen().get(conv)), "the conv reads its weights once per output pixel: on chip " + r.chosen() + r.usage() + r.limit());
    assertTrue(streamed(r.chosen().get(fc)), "the classifier's 256 KB do not fit 40 RAMB36 with the rest");
    assertTrue(r.usage().ddrBytesPerFrame() <= 16.0 * r.cycles(), "the DDR delivers them in the board's II");
    assertEquals(r.usage().ddrBytesPerFrame(), r.chosen().get(fc).ddrBytesPerFrame());

    // Without DDR weights the same board cannot hold the network.
    List<List<EngineCost>> onChip = new ArrayList<>();
    for (EngineSpec s : specs) {
      onChip.add(CostModel.options(s, AUTO.withDdrWeights(DdrWeights.OFF), board));
    }
    assertFalse(f.fold(onChip, 0, 0).fits());
  }

  /** When the DDR bandwidth is what stops the climb, the limit says so. */
  @Test
  void aBoardBoundByItsDdrBandwidthSaysSo() {
    GraphBuilder b = new GraphBuilder("fconly");
    b.input("x", Shape.of(1, 1, 1024));
    b.add("fc", Nets.fc(1024, 1024), "x");
    b.output("fc");
    List<EngineSpec> specs = Nets.specs(b.build());
    Board board = withDdr("fcboard", 2000, 16);
    List<List<EngineCost>> opts = List.of(CostModel.options(specs.get(0), AUTO, board));
    BoardFolder.Result r = new BoardFolder(board, 200).fold(opts, 0, 0);
    assertTrue(r.fits(), r.shortfalls().toString());
    assertTrue(streamed(r.chosen().get(0)));
    assertEquals(FoldLimit.Reason.RESOURCE, r.limit().reason());
    assertEquals(BoardUsage.DDR_BANDWIDTH, r.limit().resource(), r.chosen() + " " + r.usage());
    // 1 MB of weights a frame at 16 bytes a cycle: the II is at least 65,536 cycles
    assertTrue(r.cycles() >= 1024 * 1024 / 16, String.valueOf(r.cycles()));
  }

  @Test
  void unknownLayersAreRefusedByName() {
    org.shardwire.boards.BoardList list = org.shardwire.boards.BoardList.parse("zcu102:1",
        org.shardwire.boards.BoardCatalog.builtIn());
    PlanException e = assertThrows(PlanException.class, () -> Planner.plan(PlannerTest.graph("resnet8-cifar"), list,
        PlanOptions.defaults(list).withDdrWeights(DdrWeights.parse("fc,layer9")), Strategy.PIPELINE, 100));
    assertTrue(e.getMessage().contains("[layer9]") && e.getMessage().contains("conv1.relu"), e.getMessage());
  }

  @Test
  void aForcedLayerIsPlannedStreamedAndTheRestOnChip() {
    org.shardwire.boards.BoardList list = org.shardwire.boards.BoardList.parse("zcu102:1",
        org.shardwire.boards.BoardCatalog.builtIn());
    Plan p = Planner.plan(PlannerTest.graph("resnet8-cifar"), list,
        PlanOptions.defaults(list).withDdrWeights(DdrWeights.parse("fc")), Strategy.PIPELINE, 100);
    for (EnginePlan e : p.boards().get(0).engines()) {
      assertEquals(e.node().equals("fc"), e.ddrBytesPerFrame() > 0, e.node());
      assertEquals(e.node().equals("fc"), e.folding() instanceof Folding.PeSimd ps && ps.streamed(), e.node());
    }
    assertTrue(p.boards().get(0).ddrBytesPerCycle() > 0);
    // plan.json keeps it: the folding's port width, the bytes per frame, the bank's rate
    String json = org.shardwire.report.PlanFile.write(p);
    assertTrue(json.contains("\"ddr_beat_bits\": 128") && json.contains("\"ddr_bytes_per_frame\""), json);
    Plan back = org.shardwire.report.PlanFile.read("plan.json", json);
    assertEquals(p.boards().get(0).engines(), back.boards().get(0).engines());
    assertEquals(p.boards().get(0).ddrBytesPerCycle(), back.boards().get(0).ddrBytesPerCycle(), 1e-4);
    assertEquals(json, org.shardwire.report.PlanFile.write(back));
  }

  private static int index(List<EngineSpec> specs, String node) {
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).node().equals(node)) {
        return i;
      }
    }
    throw new AssertionError(node);
  }

  private static boolean streamed(EngineCost c) {
    return c.ddrBytesPerFrame() > 0;
  }
}
