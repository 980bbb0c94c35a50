package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.model.AvgPool;
import org.shardwire.model.Conv;
import org.shardwire.model.Graph;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Node;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;

/**
 * No branch FIFO of a zoo network is deeper than its branch can need: never more than the fork
 * tensor, and never more than the rows every windowed layer between the fork and the join could
 * look ahead (each layer's kernel height, in fork rows), plus two rows (the margin pixel and the
 * row the other branches' line buffers read ahead). The depths do not depend on
 * the folding (they are elements of the fork tensor), so the graph is enough: no plan, no Verilator.
 */
class BranchFifosZooTest {

  @ParameterizedTest
  @ValueSource(strings = {"resnet50", "resnet18", "shufflenet-g1", "shufflenet-g2", "shufflenet-g3", "shufflenet-g4",
      "shufflenet-g8", "i-shufflenet-g2-d2", "i-shufflenet-g3-d3", "i-shufflenet-g4-d2", "i-shufflenet-g4-d4",
      "i-shufflenet-g8-d2", "i-shufflenet-g8-d4", "i-shufflenet-g8-d8", "resnet8-cifar", "shufflenet-tiny"})
  void everyFifoFitsItsBranch(String model) {
    Graph g = ModelZoo.build(model);
    List<BranchFifos.Fifo> fifos = BranchFifos.of(g);
    assertFalse(fifos.isEmpty(), model + " has residual joins, so some branch must need a FIFO");
    BranchFifos.Fifo deepest = fifos.get(0);
    for (BranchFifos.Fifo f : fifos) {
      Shape fork = g.shape(f.tensor());
      // kernel rows between fork and join, + 1 row for the pixel margin, + the row of read-ahead
      long bound = Math.min(fork.elements(), (lookaheadRows(g, f) + 2) * fork.w() * fork.c());
      assertTrue(f.deadlockBound() <= f.elements() && f.elements() <= bound, model + ": " + f + " exceeds its branch's bound " + bound);
      if (f.elements() > deepest.elements()) {
        deepest = f;
      }
    }
    System.out.println("BRANCH_FIFO " + model + " fifos=" + fifos.size() + " deepest=" + deepest.elements()
        + " elements (" + deepest.tensor() + " -> " + deepest.reader() + ", fork " + g.shape(deepest.tensor()) + ")");
  }

  /** Kernel rows of every windowed layer between the fork and the join, in rows of the fork tensor. */
  private static long lookaheadRows(Graph g, BranchFifos.Fifo f) {
    Set<String> after = new HashSet<>(Set.of(f.tensor()));
    Set<String> region = new HashSet<>();
    for (Node n : g.nodes()) {
      if (n.inputs().stream().anyMatch(after::contains)) {
        after.add(n.name());
        region.add(n.name());
      }
    }
    Set<String> before = new HashSet<>(Set.of(f.join()));
    long rows = 0;
    List<Node> nodes = g.nodes();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node n = nodes.get(i);
      if (!before.contains(n.name())) {
        continue;
      }
      before.addAll(n.inputs());
      if (region.contains(n.name())) {
        Shape in = g.shape(n.inputs().get(0));
        long fh = g.shape(f.tensor()).h();
        rows += (kernelRows(n.layer()) * fh + in.h() - 1) / in.h();
      }
    }
    return rows;
  }

  private static int kernelRows(Layer l) {
    if (l instanceof Conv c) {
      return c.kernelH();
    }
    if (l instanceof MaxPool p) {
      return p.kernelH();
    }
    if (l instanceof AvgPool p) {
      return p.kernelH();
    }
    return 0;
  }
}
