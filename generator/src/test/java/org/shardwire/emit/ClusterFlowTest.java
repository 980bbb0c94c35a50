package org.shardwire.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.cli.Main;
import org.shardwire.report.JsonParser;
import org.shardwire.testing.TestPaths;

/**
 * The whole product on the small nets: generate a cluster, simulate every board and link in one
 * Verilator harness, and require bit-exact scores and cut tensors and measured cycles per frame
 * within 10% of the cost model's estimate.
 */
class ClusterFlowTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
      "resnet8-cifar, zcu102:1",
      "resnet8-cifar, zcu102:2",
      "resnet8-cifar, zcu102:3",
      "shufflenet-tiny, zcu102:1",
      "shufflenet-tiny, zcu102:2",
      "shufflenet-tiny, zcu102:3",
  })
  @SuppressWarnings("unchecked")
  void bitExactAndWithinTenPercentOfTheEstimate(String model, String boards) throws IOException {
    Path dir = TestPaths.freshDir("flow/" + model + "-" + boards.replace(':', 'x')).resolve("out");
    assertEquals(0, Main.run("generate", "--model", model, "--boards", boards, "--out", dir.toString()));
    int boardCount = Integer.parseInt(boards.substring(boards.indexOf(':') + 1));
    for (int i = 0; i < boardCount; i++) {
      assertTrue(Files.isRegularFile(dir.resolve("board" + i + "/rtl/filelist.f")));
      assertTrue(Files.isRegularFile(dir.resolve("board" + i + "/vivado.tcl")));
    }
    assertEquals(0, Main.run("simulate", dir.toString(), "--frames", "3", "--latency", "64",
        "--build-cache", TestPaths.verilatorCache().toString()));

    Map<String, Object> sim = (Map<String, Object>) JsonParser.parse("sim.json",
        Files.readString(dir.resolve("sim.json")));
    assertEquals(Boolean.TRUE, sim.get("bit_exact"));
    assertEquals(BigDecimal.ZERO, sim.get("mismatches"));
    double ratio = ((BigDecimal) sim.get("measured_vs_est")).doubleValue();
    assertTrue(ratio >= 0.9 && ratio <= 1.1, "measured/estimated cycles per frame = " + ratio);
    assertEquals(boardCount, ((List<Object>) sim.get("boards")).size());
    assertEquals(boardCount - 1, ((List<Object>) sim.get("links")).size());
  }
}
