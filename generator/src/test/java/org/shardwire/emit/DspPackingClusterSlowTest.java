package org.shardwire.emit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two int8 MACs per DSP48E2 end to end: a cluster generated with {@code --dsp-packing}, every
 * board and link simulated in one harness, bit-exact, measured cycles per frame within 5% of the
 * estimate (the packed MAC arrays keep the plain arrays' timing). The cap case packs engines that
 * are the bottleneck (a cap of 24 multipliers leaves room for PE x SIMD = 48 MACs when packed).
 */
@Tag("slow")
class DspPackingClusterSlowTest {

  @ParameterizedTest(name = "{0} on {1}, multipliers per engine {2}, packed")
  @CsvSource({
      "resnet8-cifar, zcu102:2, 0",
      "resnet8-cifar, zcu102:2, 24",
  })
  void packedClusterIsBitExactAtItsEstimate(String model, String boards, int cap) throws IOException {
    Path dir = ClusterFlowTest.generateSimulateAndCheck(model, boards, cap, 3, 0.05, List.of("--dsp-packing"));
    assertTrue(Files.readString(dir.resolve("plan.json")).contains("\"macs_per_dsp\": 2"),
        "the plan packs no engine, so this run proves nothing about packing");
  }
}
