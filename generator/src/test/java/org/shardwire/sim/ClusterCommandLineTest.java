package org.shardwire.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness command line carries the run's deadlock window (the driver's default is only a default). */
class ClusterCommandLineTest {
  @Test
  void theDeadlockWindowReachesTheDriver() {
    VerilatorBuilder.Build build = new VerilatorBuilder.Build(Path.of("Vcluster_top"), true, "h");
    ClusterSpec spec = new ClusterSpec(64, 0, 0, 0, 9_000_000, 7, 17_315_840);
    List<String> cmd = ClusterSimulator.command(build, Path.of("run"), 0, 0, List.of(), spec, spec.maxCycles());
    int at = cmd.indexOf("--deadlock-cycles");
    assertEquals("17315840", cmd.get(at + 1), cmd.toString());
    assertEquals(ClusterSpec.DEFAULT_DEADLOCK_CYCLES, new ClusterSpec(64, 0, 0, 0, 9_000_000, 7).deadlockCycles());
  }
}
