package org.shardwire.emit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plan counts what the hardware holds, every layer of the fast zoo nets (see {@link PlanMatchesHardware}). */
class PlanMatchesHardwareTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"resnet8-cifar, zcu102:2", "shufflenet-tiny, f10a-a10gx1150:2"})
  void everyLayerOfTheFastNets(String model, String boards) {
    List<PlanMatchesHardware.Mismatch> bad = PlanMatchesHardware.check(model, boards, layer -> true);
    assertEquals(List.of(), bad, () -> bad.size() + " engine(s) differ:\n  "
        + String.join("\n  ", bad.stream().map(Object::toString).toList()));
  }
}
