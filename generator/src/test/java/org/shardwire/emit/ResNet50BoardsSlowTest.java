package org.shardwire.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.cli.Main;
import org.shardwire.report.BoardSimFile;
import org.shardwire.report.DdrImageFiles;
import org.shardwire.report.JsonFiles;
import org.shardwire.report.SimFile;
import org.shardwire.testing.TestPaths;

/**
 * Seed scale: ResNet-50 on four M-KUBOS XCZU19EG boards as {@code generate} plans it (the default
 * strategy), every board simulated alone against the tensors it reads and sends
 * ({@code simulate --board K}), and the whole cluster in one simulation; each bit-exact with the
 * measured cycles per frame within 5% of the estimate (two frames: one frame measures only the
 * latency). Which layers stream is the plan's choice, not this test's: a board whose folder has a
 * {@code ddr/weights.map.json} (in the default plan, boards 2-3 with their layer4 convs as weight
 * tiles, {@code ddr-tile}, each region read once a frame) has its port answered by the simulated
 * DDR at the catalog's bandwidth and a random latency (docs/ddr-weights.md), and must have read
 * every frame's region. The boards with weight tiles go quiet for millions of cycles while those
 * engines fill, which simulate's deadlock window allows for (docs/board-simulation.md). Slow: a
 * frame is ~0.9 M cycles and a whole-frame board's latency several frames; at II 1.6 M the class
 * took ~23 min on two cores (generate, five Verilator builds, ~33 M simulated cycles;
 * bench/RESULTS.md).
 */
@Tag("slow")
class ResNet50BoardsSlowTest {
  private static Path dir;

  @BeforeAll
  static void generate() {
    dir = TestPaths.freshDir("seed-scale/resnet50-mkubos-zu19egx4").resolve("out");
    assertEquals(0, Main.run("generate", "--model", "resnet50", "--boards", "mkubos-zu19eg:4", "--out",
        dir.toString()));
  }

  @ParameterizedTest(name = "board {0} alone")
  @ValueSource(ints = {0, 1, 2, 3})
  void everyBoardAloneIsBitExactAtItsEstimate(int board) throws IOException {
    assertEquals(0, Main.run("simulate", dir.toString(), "--board", String.valueOf(board), "--frames", "2",
        "--build-cache", TestPaths.verilatorCache().toString()));
    BoardSimFile f = JsonFiles.read(dir.resolve(BoardSimFile.file(board)), BoardSimFile.class);
    assertTrue(f.bitExact(), "board " + board + ": " + f.firstMismatches());
    double ratio = f.measuredVsEst().doubleValue();
    System.out.printf("resnet50 board %d alone: measured %s, estimated %d, ratio %.4f, %s cycles/s%n", board,
        f.cyclesPerFrame(), f.estCyclesPerFrame(), ratio, f.simulatedCyclesPerSecond());
    assertTrue(Math.abs(ratio - 1) <= 0.05, "board " + board + ": measured " + f.cyclesPerFrame()
        + " vs estimated " + f.estCyclesPerFrame());
    // A board that streams (the plan's weight map says which) read every frame's weights from the simulated DDR.
    Path map = dir.resolve("board" + board + "/ddr/weights.map.json");
    if (Files.exists(map)) {
      long beatsPerFrame = DdrImageFiles.readMap(map).regions().stream()
          .mapToLong(r -> (long) r.words() * r.beatsPerWord()).sum();
      JsonNode axi = new ObjectMapper().readTree(dir.resolve("sim/run/board" + board + "/result.json").toFile())
          .get("axi");
      assertEquals(1, axi.size(), axi.toString());
      assertTrue(axi.get(0).get("beats").asLong() >= 2 * beatsPerFrame, axi.toString());
    }
  }

  @Test
  void theWholeClusterIsBitExactAtTheEstimate() {
    assertEquals(0, Main.run("simulate", dir.toString(), "--frames", "2", "--build-cache",
        TestPaths.verilatorCache().toString()));
    SimFile s = SimFile.read(dir.resolve(SimFile.FILE));
    assertTrue(s.bitExact(), s.firstMismatches().toString());
    double ratio = s.measuredVsEst().doubleValue();
    System.out.printf("resnet50 x4 cluster: measured %s, estimated %d, ratio %.4f%n", s.cyclesPerFrame(),
        s.estCyclesPerFrame(), ratio);
    assertTrue(Math.abs(ratio - 1) <= 0.05, "measured " + s.cyclesPerFrame() + " vs estimated "
        + s.estCyclesPerFrame());
  }
}
