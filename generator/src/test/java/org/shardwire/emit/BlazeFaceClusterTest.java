package org.shardwire.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.shardwire.cli.Main;
import org.shardwire.report.SimFile;
import org.shardwire.testing.TestPaths;

/**
 * A real imported model end to end: BlazeFace (MediaPipe front, 128x128, four outputs; fetched by
 * scripts/fetch-blazeface.sh) generated over two ZCU102 boards and simulated bit-exact. Its three
 * other outputs are computed on the last board and dropped (the cluster streams out the first):
 * they used to crash generate ("fork needs 2..16 branches, got 0").
 *
 * <p>In the default suite. With 64 multipliers per engine the plan's II is 122,880 cycles since
 * the 5x5 3-channel stem takes SIMD across a kernel row (PE 4 x SIMD 15; 204,800 before, with
 * requantizers shared and a conv's SIMD any divisor up to 16; 307,200 before that, 614,400 before
 * the stem engines; at 8 multipliers it was 7,372,800:
 * every conv engine held to one MAC), so two frames take about a million simulated cycles instead of 15.7 M: about 2.3
 * minutes of CPU in all (generate 23 s, Verilator build of about 70 engines about 86 s, simulate
 * 26 s). Figures in bench/RESULTS.md ("BlazeFace front-128 over two boards").
 */
class BlazeFaceClusterTest {

  @Test
  void generatesAndSimulatesBitExactOverTwoBoards() throws IOException {
    Path model = TestPaths.repoRoot().resolve(".cache/models/face_detection_front_128x128_barracuda.onnx");
    assertTrue(Files.isRegularFile(model), model + " is missing: run scripts/fetch-blazeface.sh (./shardwire test does)");
    Path dir = TestPaths.freshDir("flow/blazeface-zcu102x2").resolve("out");
    // 64 multipliers per engine keep the two boards' Verilator model small enough to build in
    // about a minute and a half of CPU (unfolded, its C++ took over 30 minutes on a loaded 2-core
    // machine), and the plan fast enough to simulate two frames in 1.5 M cycles.
    // --strategy pipeline: the two-board pipeline this test has measured (auto may prefer channel groups).
    assertEquals(0, Main.run("generate", "--onnx", model.toString(), "--boards", "zcu102:2", "--strategy", "pipeline",
        "--max-multipliers-per-engine", "64", "--out", dir.toString()));
    assertEquals(0, Main.run("simulate", dir.toString(), "--frames", "2", "--build-cache",
        TestPaths.verilatorCache().toString()));
    SimFile sim = SimFile.read(dir.resolve(SimFile.FILE));
    assertTrue(sim.bitExact());
    assertEquals(0, sim.mismatches());
    assertEquals(2, sim.boards().size());
    assertEquals(122_880, sim.estCyclesPerFrame(), "the plan this test was sized for");
    assertEquals(0, sim.cyclesPerFrame().compareTo(java.math.BigDecimal.valueOf(122_880)),
        "measured " + sim.cyclesPerFrame() + " cycles per frame");
  }
}
