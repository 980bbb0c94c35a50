package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.emit.ClusterHarness;
import org.shardwire.emit.ClusterVectors;
import org.shardwire.plan.Plan;
import org.shardwire.report.DdrImageFiles;
import org.shardwire.report.PlanFile;
import org.shardwire.report.SimDdr;
import org.shardwire.report.SimFile;
import org.shardwire.sim.AxiMemoryPort;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.ClusterResult;
import org.shardwire.sim.ClusterSimulator;
import org.shardwire.sim.ClusterSpec;
import org.shardwire.testing.TestPaths;

/**
 * Streamed layers simulated (docs/ddr-weights.md): resnet8-cifar at 8x8 on two ZCU102 boards with
 * three layers forced to stream from DDR, one on board 0 and two on board 1 (which share its
 * port through an arbiter, so the simulated DDR must echo ARID). The whole cluster, with a random
 * DDR latency, is bit-exact at its estimated cycles per frame (both boards are bound by their
 * DDR bandwidth, so a slow DDR model would show); at half the bandwidth the measured II honestly
 * doubles; and a weight image with flipped bytes is caught as a mismatch. BoardAloneFlowTest runs
 * each board of the same cluster alone ({@code --board}) with its simulated DDR.
 */
class DdrSimulationFlowTest {
  /** One streamed layer on board 0, two on board 1: the plan's DDR bandwidth bounds both boards. */
  static final List<String> GENERATE = List.of("--model", "resnet8-cifar", "--input-size", "8x8", "--boards",
      "zcu102:2", "--max-multipliers-per-engine", "16", "--strategy", "pipeline", "--ddr-weights",
      "layer1.0.conv2.bn,layer3.0.conv2.bn,fc");
  private static Path dir;

  @BeforeAll
  static void generate() {
    dir = TestPaths.freshDir("ddr-sim/resnet8-cifar-8x8-zcu102x2").resolve("out");
    List<String> args = new ArrayList<>(List.of("generate"));
    args.addAll(GENERATE);
    args.addAll(List.of("--out", dir.toString()));
    assertEquals(0, Main.run(args.toArray(String[]::new)));
  }

  private static SimFile simulate(String... extra) {
    List<String> args = new ArrayList<>(List.of("simulate", dir.toString(), "--frames", "2", "--latency", "64",
        "--build-cache", TestPaths.verilatorCache().toString()));
    args.addAll(List.of(extra));
    Main.run(args.toArray(String[]::new));
    return SimFile.read(dir.resolve(SimFile.FILE));
  }

  @Test
  void theWholeClusterIsBitExactAtItsEstimateWithARandomDdrLatency() throws IOException {
    SimFile s = simulate("--ddr-latency", "20..90");
    assertTrue(s.bitExact(), s.firstMismatches().toString());
    double ratio = s.measuredVsEst().doubleValue();
    System.out.printf("ddr cluster: measured %s, estimated %d, ratio %.4f%n", s.cyclesPerFrame(),
        s.estCyclesPerFrame(), ratio);
    assertTrue(Math.abs(ratio - 1) <= 0.05, "measured " + s.cyclesPerFrame() + " vs estimated " + s.estCyclesPerFrame());
    // Every streamed weight came through the simulated DDR: both ports served at least two frames' reads.
    JsonNode axi = new ObjectMapper().readTree(dir.resolve("sim/run/result.json").toFile()).get("axi");
    assertEquals(2, axi.size(), axi.toString());
    for (int b = 0; b < 2; b++) {
      DdrImageFiles.AddressMap map = DdrImageFiles.readMap(dir.resolve("board" + b + "/ddr/weights.map.json"));
      long beatsPerFrame = 0;
      for (DdrImageFiles.Region r : map.regions()) {
        beatsPerFrame += (long) r.words() * r.beatsPerWord();
      }
      assertEquals("board" + b + ".m_axi_ddr0", axi.get(b).get("name").asText());
      assertTrue(axi.get(b).get("beats").asLong() >= 2 * beatsPerFrame, axi.toString());
      assertEquals(0, axi.get(b).get("r_stall_cycles").asLong(), "the readers never hold R back");
    }
    // sim.json says which DDR the figures hold for, and what each port served.
    assertEquals(List.of("board0.m_axi_ddr0", "board1.m_axi_ddr0"), s.ddr().stream().map(SimDdr::port).toList());
    for (int b = 0; b < 2; b++) {
      SimDdr d = s.ddr().get(b);
      assertEquals(List.of(20, 90), List.of(d.latencyMinCycles(), d.latencyMaxCycles()), d.toString());
      assertEquals(axi.get(b).get("beats").asLong(), d.beats(), d.toString());
    }
  }

  @Test
  void halfTheDdrBandwidthShowsAsTwiceTheIi() {
    SimFile s = simulate("--ddr-latency", "60", "--ddr-bytes-per-cycle", "8");
    assertTrue(s.bitExact(), s.firstMismatches().toString());
    assertTrue(s.ddr().stream().allMatch(d -> d.bytesPerCycle().doubleValue() == 8 && d.latencyMinCycles() == 60
        && d.latencyMaxCycles() == 60), s.ddr().toString());
    double ratio = s.measuredVsEst().doubleValue();
    System.out.printf("ddr cluster at 8 bytes a cycle: measured %s, estimated %d, ratio %.4f%n", s.cyclesPerFrame(),
        s.estCyclesPerFrame(), ratio);
    assertTrue(ratio > 1.8 && ratio < 2.2, "the plan counts on 16 bytes a cycle: at 8 its DDR-bound boards take "
        + "twice the cycles, measured " + s.cyclesPerFrame() + " vs estimated " + s.estCyclesPerFrame());
  }

  @Test
  void aWeightImageWithFlippedBytesIsAMismatch() throws IOException {
    Plan plan = PlanFile.read(dir.resolve(PlanFile.FILE));
    BoardList boards = BoardList.parse(plan.boardsSpec(), BoardCatalog.builtIn());
    ClusterHarness harness = ClusterHarness.read(dir.resolve("sim"));
    List<AxiMemoryPort> ddr = new ArrayList<>(SimulatedDdr.of(harness, dir, boards, plan.clockMhz(),
        new SimulatedDdr.Latency(20, 90), null));
    // Board 1's fc: the top bit of the first byte of each of its weight words flipped (weights, not padding).
    Path image = dir.resolve("board1/ddr/weights.bin");
    DdrImageFiles.AddressMap map = DdrImageFiles.readMap(dir.resolve("board1/ddr/weights.map.json"));
    DdrImageFiles.Region fc = map.regions().stream().filter(r -> r.name().equals("fc")).findFirst().orElseThrow();
    byte[] bytes = Files.readAllBytes(image);
    for (int w = 0; w < fc.words(); w++) {
      bytes[(int) (fc.address() - map.baseAddress()) + w * fc.beatsPerWord() * map.beatBytes()] ^= (byte) 0x80;
    }
    Path broken = TestPaths.freshDir("ddr-sim/broken-image").resolve("weights.bin");
    Files.write(broken, bytes);
    AxiMemoryPort good = ddr.get(1);
    ddr.set(1, new AxiMemoryPort(good.name(), good.shape(), broken, good.imageBase(), good.ddr()));

    ClusterVectors v = ClusterVectors.of(Int8Model.load(ModelSource.read(dir)), plan,
        boards.boards().stream().map(Board::vendor).toList(), 2, 7);
    ClusterSimulator sim = new ClusterSimulator(BuildContext.detect(TestPaths.verilatorCache(),
        TestPaths.freshDir("ddr-sim/broken-run"), 7));
    ClusterResult r = sim.run(harness, new ClusterSpec(64, 0, 0, 0, 10_000_000, 7), v.image(), v.scores(), v.cuts(),
        List.of(), ddr, p -> { }).result();
    assertTrue(!r.passed() && r.result().mismatches() > 0, "flipped fc weights must change the scores");
    assertTrue(r.result().mismatchLines().stream().anyMatch(l -> l.contains("scores")), r.result().mismatchLines()
        .toString());
  }
}
