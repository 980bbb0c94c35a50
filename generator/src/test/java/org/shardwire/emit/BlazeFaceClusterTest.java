package org.shardwire.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
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
 * <p>In the slow profile: it passes (bit-exact, 15,705,936 cycles for two frames, 7,372,800 per
 * frame = the estimate), but takes minutes of CPU (build about 5, simulation about 3), far more
 * than the default suite's headroom. Figures in bench/RESULTS.md ("BlazeFace front-128 over two
 * boards").
 */
@Tag("slow")
class BlazeFaceClusterTest {

  @Test
  void generatesAndSimulatesBitExactOverTwoBoards() throws IOException {
    Path model = TestPaths.repoRoot().resolve(".cache/models/face_detection_front_128x128_barracuda.onnx");
    assertTrue(Files.isRegularFile(model), model + " is missing: run scripts/fetch-blazeface.sh (./shardwire test does)");
    Path dir = TestPaths.freshDir("flow/blazeface-zcu102x2").resolve("out");
    // Eight multipliers per engine keep the two boards' Verilator model small enough to build in
    // minutes (unfolded, its C++ took over 30 minutes on a loaded 2-core machine).
    // --strategy pipeline: the two-board pipeline this test has measured (auto may prefer channel groups).
    assertEquals(0, Main.run("generate", "--onnx", model.toString(), "--boards", "zcu102:2", "--strategy", "pipeline",
        "--max-multipliers-per-engine", "8", "--out", dir.toString()));
    assertEquals(0, Main.run("simulate", dir.toString(), "--frames", "2", "--build-cache",
        TestPaths.verilatorCache().toString()));
    SimFile sim = SimFile.read(dir.resolve(SimFile.FILE));
    assertTrue(sim.bitExact());
    assertEquals(0, sim.mismatches());
    assertEquals(2, sim.boards().size());
  }
}
