package org.shardwire.emit;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The flow at the size the ShuffleNets exist for: 224x224 over the ShuffleNet paper's two
 * Arria 10 boards, two frames bit-exact and the measured cycles per frame within 5% of the plan.
 * Each case builds two large boards in Verilator (tens of minutes): slow profile.
 */
@Tag("slow")
class ShuffleNetScaleFlowTest {

  @ParameterizedTest(name = "{0} at 224x224 on f10a-a10gx1150:2")
  @ValueSource(strings = {"shufflenet-g1", "shufflenet-g2"})
  void bitExactAndWithinFivePercentOfTheEstimate(String model) throws IOException {
    ClusterFlowTest.generateSimulateAndCheck(model, "f10a-a10gx1150:2", 0, 2, 0.05);
  }
}
