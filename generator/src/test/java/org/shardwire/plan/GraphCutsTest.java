package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.model.Graph;
import org.shardwire.model.passes.GraphPass;
import org.shardwire.model.zoo.ModelZoo;

/** Cuts between residual blocks and ShuffleNet units (one tensor crosses), and inside them for pipelines (two). */
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

  /**
   * The pipeline's cuts may fall inside a block, where the main branch and the shortcut cross: each
   * such cut names both tensors (the shortcut, made first, before the main branch), and its bytes
   * are both tensors'.
   */
  @Test
  void pipelineCutsInsideBlocksCarryTheShortcutToo() {
    Graph g = GraphPass.optimize(ModelZoo.build("resnet50"));
    GraphCuts fine = GraphCuts.of(g, GraphCuts.PIPELINE_CROSSING);
    assertEquals(71, fine.cuts().size());
    assertEquals(19, fine.cuts().stream().filter(c -> c.tensors().size() == 1).count());
    GraphCuts.Cut inside = fine.cuts().stream().filter(c -> c.tensor().equals("layer1.1.conv1.relu")).findFirst()
        .orElseThrow();
    assertEquals(List.of("layer1.0.add.relu", "layer1.1.conv1.relu"), inside.tensors());
    assertEquals(56L * 56 * 256 + 56L * 56 * 64, inside.bytes());
    // the one-tensor cuts are the same as GraphCuts.of's
    assertEquals(GraphCuts.of(g).cuts(), fine.cuts().stream().filter(c -> c.tensors().size() == 1).toList());
    assertThrows(IllegalArgumentException.class, () -> new GraphCuts.Cut(3, List.of("a", "b"), List.of()));
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
