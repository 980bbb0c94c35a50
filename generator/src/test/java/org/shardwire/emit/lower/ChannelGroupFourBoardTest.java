package org.shardwire.emit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.plan.Plan;
import org.shardwire.plan.Stage;

/**
 * Four boards through the CLI (generate, then simulate in one Verilator harness): by channel
 * groups (i-shufflenet-tiny-g4-d4, every board a quarter of every layer) and as two pipeline
 * stages of two channel groups each (i-shufflenet-tiny-d2, {@code --strategy mixed}), each
 * bit-exact with every exchanged stream checked and the measured II within 5% of the estimate.
 * In the default suite because a three-frame run is a short one, which simulate builds quickly
 * ({@code VerilatorBuilder.Optimisation.QUICK_BUILD}: about 75 s and 35 s of CPU for the two
 * simulations instead of 190 s and 75 s at -O1).
 */
class ChannelGroupFourBoardTest {

  @ParameterizedTest(name = "{0} on {1} by {2}")
  @CsvSource({
      "i-shufflenet-tiny-g4-d4, f10a-a10gx1150:4, channel-group, 1",
      "i-shufflenet-tiny-d2, f10a-a10gx1150:4, mixed, 2",
  })
  void fourBoardsAreBitExactAtTheEstimatedRate(String model, String boards, String strategy, int stages)
      throws IOException {
    Plan plan = ChannelGroupClusterTest.generateSimulateAndCheck(model, boards, strategy);
    assertEquals(stages, plan.stages().size(), plan.stages().toString());
    for (Stage s : plan.stages()) {
      assertEquals(4 / stages, s.size(), "equal channel groups in every stage: " + plan.stages());
    }
  }
}
