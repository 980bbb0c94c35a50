package org.shardwire.emit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardwire.cli.Main;
import org.shardwire.report.BoardSimFile;
import org.shardwire.report.JsonFiles;
import org.shardwire.testing.TestPaths;

/**
 * {@code simulate --board} on a channel-group cluster (i-shufflenet-tiny-d2 on zcu102:2): board 1
 * reads the image and four exchanged streams (each through its own feeder's link) and sends five
 * (each checked on its monitor, the first also through its sink's link), bit-exact and at its
 * estimate within 5%. Slow: a four-minute Verilator build under load.
 */
@Tag("slow")
class ChannelGroupBoardAloneSlowTest {

  @Test
  void aChannelGroupBoardAloneIsBitExactAtItsEstimate() {
    Path dir = TestPaths.freshDir("board-alone/i-shufflenet-tiny-d2-zcu102x2").resolve("out");
    assertEquals(0, Main.run("generate", "--model", "i-shufflenet-tiny-d2", "--boards", "zcu102:2", "--strategy",
        "channel-group", "--out", dir.toString()));
    assertEquals(0, Main.run("simulate", dir.toString(), "--board", "1", "--frames", "2", "--latency", "64",
        "--build-cache", TestPaths.verilatorCache().toString()));
    BoardSimFile f = JsonFiles.read(dir.resolve(BoardSimFile.file(1)), BoardSimFile.class);
    assertTrue(f.bitExact(), f.firstMismatches().toString());
    assertEquals(5, f.inputs().size(), "the image and four exchanges: " + f.inputs());
    assertEquals(5, f.outputs().size(), "five exchanges: " + f.outputs());
    assertTrue(Math.abs(f.measuredVsEst().doubleValue() - 1) <= 0.05, "measured " + f.cyclesPerFrame()
        + " vs estimated " + f.estCyclesPerFrame());
  }
}
