package org.shardwire.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.cli.ExitCodes;
import org.shardwire.cli.Main;
import org.shardwire.report.BoardSimFile;
import org.shardwire.report.JsonFiles;
import org.shardwire.sim.ClusterSimulator;
import org.shardwire.sim.FstHeader;
import org.shardwire.testing.TestPaths;

/**
 * {@code simulate --board K} on the small pipeline: each board of resnet8-cifar on zcu102:2 alone
 * in its board-alone harness, fed what it reads in the cluster (the image, or board 0's cut tensor
 * through a feeder's link) and checked on what it sends (the cut tensor through a sink's link, or
 * the scores), bit-exact and at its own estimated cycles per frame within 5%. Three layers stream
 * their weights from DDR (one on board 0, two sharing board 1's port), so each board alone also
 * reads a simulated DDR with a random latency, and its DDR bandwidth bounds its II
 * (docs/ddr-weights.md; the whole cluster: cli.DdrSimulationFlowTest).
 */
class BoardAloneFlowTest {
  private static Path dir;

  @BeforeAll
  static void generate() {
    dir = TestPaths.freshDir("board-alone/resnet8-cifar-8x8-zcu102x2").resolve("out");
    // 8x8 images and 16 multipliers per engine: half the Verilator build of the full-size boards
    // (the default suite's budget), still two boards over a link, both at an II of 13,824 cycles.
    assertEquals(0, Main.run("generate", "--model", "resnet8-cifar", "--input-size", "8x8", "--boards", "zcu102:2",
        "--max-multipliers-per-engine", "16", "--strategy", "pipeline", "--ddr-weights",
        "layer1.0.conv2.bn,layer3.0.conv2.bn,fc", "--out", dir.toString()));
  }

  @ParameterizedTest(name = "board {0} alone")
  @CsvSource({
      "1, board0.out, scores",
      "0, image, board0.out",
  })
  void aBoardAloneIsBitExactAtItsEstimate(int board, String fed, String checked) {
    assertEquals(0, Main.run("simulate", dir.toString(), "--board", String.valueOf(board), "--frames", "2",
        "--latency", "64", "--ddr-latency", "20..90", "--build-cache", TestPaths.verilatorCache().toString()));
    BoardSimFile f = JsonFiles.read(dir.resolve(BoardSimFile.file(board)), BoardSimFile.class);
    assertTrue(f.bitExact(), "board " + board + " is not bit-exact: " + f.firstMismatches());
    assertEquals(List.of(fed), f.inputs());
    assertEquals(List.of(checked), f.outputs());
    assertEquals(board, f.board());
    // The board's own DDR port, with the run's timing and the reads it served.
    assertEquals(1, f.ddr().size(), f.ddr().toString());
    assertEquals(List.of(20, 90), List.of(f.ddr().get(0).latencyMinCycles(), f.ddr().get(0).latencyMaxCycles()));
    assertTrue(f.ddr().get(0).beats() > 0, f.ddr().toString());
    double ratio = f.measuredVsEst().doubleValue();
    System.out.printf("board %d alone: measured %s, estimated %d, ratio %.4f%n", board, f.cyclesPerFrame(),
        f.estCyclesPerFrame(), ratio);
    assertTrue(Math.abs(ratio - 1) <= 0.05, "board " + board + ": measured " + f.cyclesPerFrame() + " vs estimated "
        + f.estCyclesPerFrame());
    assertTrue(f.latencyCycles() >= f.estCyclesPerFrame(), "a frame cannot pass a board faster than its II");
  }

  /**
   * {@code --trace --trace-cycles}: one board's waveform over the cycles asked for (a steady state
   * to see where cycles go), only the board under test traced, not its feeder; cycles the run
   * never reached are the user's error (exit 2).
   */
  @Test
  void aBoardAloneIsTracedOverTheCyclesAsked() throws Exception {
    assertEquals(0, Main.run("simulate", dir.toString(), "--board", "1", "--frames", "2", "--latency", "64",
        "--trace", "--trace-cycles", "20000:20400", "--build-cache", TestPaths.verilatorCache().toString()));
    Path traces = dir.resolve("sim/run/board1/" + ClusterSimulator.TRACE_DIR);
    List<Path> files;
    try (Stream<Path> s = Files.list(traces)) {
      files = s.filter(p -> p.toString().endsWith(".fst")).sorted().toList();
    }
    assertEquals(List.of(traces.resolve(ClusterSimulator.traceFile(1))), files, "board 1 is its harness's instance 1");
    FstHeader h = FstHeader.read(files.get(0));
    assertEquals(20000, h.startTime() / ClusterSimulator.TIME_PER_CYCLE);
    assertEquals(20400, h.endTime() / ClusterSimulator.TIME_PER_CYCLE);
    assertEquals(ExitCodes.BAD_INPUT, Main.run("simulate", dir.toString(), "--board", "1", "--frames", "2", "--trace",
        "--trace-cycles", "90000000:90000001", "--build-cache", TestPaths.verilatorCache().toString()));
  }
}
