package org.shardwire.emit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.model.zoo.ModelZoo;

/**
 * Every layer of every zoo network, on a cluster where it fits: the plan counts what the
 * elaborated hardware holds ({@link PlanMatchesHardware}). Slow (ResNet-50 alone elaborates 160
 * engines); the fast nets run in the default suite ({@link PlanMatchesHardwareTest}).
 */
@Tag("slow")
class PlanMatchesHardwareSlowTest {

  static Stream<Arguments> zoo() {
    return ModelZoo.names().stream().map(m -> Arguments.of(m, cluster(m)));
  }

  /** The clusters of the seed scale: M-KUBOS for the ResNets, two Arria 10 boards otherwise. */
  static String cluster(String model) {
    switch (model) {
      case "resnet50":
        return "mkubos-zu19eg:4";
      case "resnet18":
        return "mkubos-zu19eg:2";
      case "resnet8-cifar":
        return "zcu102:2";
      default:
        return "f10a-a10gx1150:2";
    }
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("zoo")
  void everyLayerOfEveryZooNetwork(String model, String boards) {
    List<PlanMatchesHardware.Mismatch> bad = PlanMatchesHardware.check(model, boards, layer -> true);
    assertEquals(List.of(), bad, () -> bad.size() + " engine(s) differ:\n  "
        + String.join("\n  ", bad.stream().map(Object::toString).toList()));
  }
}
