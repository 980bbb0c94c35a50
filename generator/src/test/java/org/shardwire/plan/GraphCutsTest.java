package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.model.Graph;
import org.shardwire.model.passes.GraphPass;
import org.shardwire.model.zoo.ModelZoo;

/** Cuts only between residual blocks and ShuffleNet units, where one tensor crosses. */
class GraphCutsTest {

  private static List<String> cutTensors(String model) {
    Graph g = GraphPass.optimize(ModelZoo.build(model));
    return GraphCuts.of(g).cuts().stream().map(GraphCuts.Cut::tensor).toList();
  }

  @Test
  void resnet8CutsBetweenBlocks() {
    assertEquals(List.of("conv1.relu", "layer1.0.add.relu", "layer2.0.add.relu", "layer3.0.add.relu", "avgpool"),
        cutTensors("resnet8-cifar"));
  }

  @Test
  void shufflenetTinyCutsBetweenUnits() {
    assertEquals(List.of("conv1.relu", "maxpool", "stage2.0.concat", "stage2.1.add.relu", "stage3.0.concat",
        "stage3.1.add.relu", "globalpool"), cutTensors("shufflenet-tiny"));
  }

  @Test
  void resnet50HasOneBlockPerBottleneck() {
    List<String> cuts = cutTensors("resnet50");
    // stem conv, max pool, 16 bottleneck blocks (the last one's add before the pool), pool
    assertEquals(19, cuts.size());
    assertEquals("layer4.2.add.relu", cuts.get(17));
  }

  @Test
  void blocksCoverEveryNodeOnce() {
    Graph g = GraphPass.optimize(ModelZoo.build("shufflenet-tiny"));
    GraphCuts c = GraphCuts.of(g);
    assertEquals(0, c.blockStart(0));
    assertEquals(g.nodes().size(), c.blockStart(c.blockCount()));
    for (int b = 1; b < c.blockCount(); b++) {
      assertEquals(c.cutBefore(b).after() + 1, c.blockStart(b));
      assertEquals(g.nodes().get(c.blockStart(b) - 1).name(), c.cutBefore(b).tensor());
    }
    assertEquals(8 * 8 * 48, c.cuts().get(2).bytes());
  }
}
