package org.shardwire.emit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardwire.plan.Plan;
import org.shardwire.plan.Strategy;

/**
 * The ShuffleNet paper's case at its size: i-shufflenet-g2-d2 at 224x224 over two Arria 10 boards
 * by channel groups, through the CLI, two frames bit-exact (every exchanged stream checked) and
 * the measured cycles per frame within 5% of the estimate. Two 224x224 boards in one Verilator
 * harness take tens of minutes to build and simulate: slow profile.
 */
@Tag("slow")
class ChannelGroupScaleSlowTest {

  @Test
  void shuffleNetG2OverTwoBoardsIsBitExactAtTheEstimatedRate() throws IOException {
    Plan plan = ChannelGroupClusterTest.generateSimulateAndCheck("i-shufflenet-g2-d2", "f10a-a10gx1150:2",
        "channel-group", 2);
    assertEquals(Strategy.CHANNEL_GROUP, plan.strategy());
    assertEquals(1, plan.stages().size(), plan.stages().toString());
  }
}
