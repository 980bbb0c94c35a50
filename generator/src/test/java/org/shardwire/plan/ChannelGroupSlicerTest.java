package org.shardwire.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shardwire.golden.Int8Inference;
import org.shardwire.golden.Quantization;
import org.shardwire.model.ChannelRange;
import org.shardwire.model.Node;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QuantizedGraph;

/**
 * Channel-group slicing is exact: the boards' graphs joined over their exchanges compute the
 * network's output bit for bit, and every stream a board makes equals its slice of the network's
 * tensor (the check the cluster harness makes of every exchanged stream).
 */
class ChannelGroupSlicerTest {

  @Test
  void tinyInsideShuffleOverTwoBoardsIsExact() {
    ChannelGroupSlicer.Slicing s = check(ModelZoo.build("i-shufflenet-tiny-d2"), 2);
    // Synchronisation points only: stem/max pool gathered for the ungrouped conv, the two
    // concatenating unit boundaries, global pool -> FC, and the scores back to board 0.
    assertEquals(9, s.exchanges().size(), s.exchanges().toString());
    assertTrue(s.exchanges().stream().noneMatch(x -> x.stream().contains("shuffle")), "inside shuffle stays local");
  }

  @Test
  void shuffleNetG2AtSixtyFourPixelsCutsUnalignedPiecesExactly() {
    ChannelGroupSlicer.Slicing s = check(ModelZoo.build("i-shufflenet-g2-d2", Shape.of(64, 64, 3), 1), 2);
    // stage2.0 concatenates 24 shortcut + 176 branch channels: board 0's half ends inside its branch slice.
    boolean ranged = s.boards().get(0).graph().nodes().stream().anyMatch(n -> n.layer() instanceof ChannelRange);
    assertTrue(ranged, "board 0 cuts the part of its branch slice that board 1 needs");
  }

  @Test
  void fourGroupsOverFourBoardsIsExactAndSplitsTheClassesUnevenly() {
    ChannelGroupSlicer.Slicing s = check(ModelZoo.build("i-shufflenet-tiny-g4-d4"), 4);
    assertTrue(s.exchanges().stream().noneMatch(x -> x.stream().contains("shuffle")), "inside shuffle stays local");
    // 10 classes over 4 boards: 2, 3, 2, 3 (nothing reads the classifier's slices but the gather).
    assertEquals(java.util.List.of(2, 3, 2, 3), java.util.stream.IntStream.range(0, 4).mapToObj(d -> s.boards().get(d)
        .graph().shapes().get("fc").c()).toList());
  }

  @Test
  void twoStagesOfTwoChannelGroupsAreExact() {
    org.shardwire.model.Graph g = ModelZoo.build("i-shufflenet-tiny-d2");
    QuantizedGraph q = Quantization.quantize(g, 1);
    java.util.List<Stage> stages = java.util.List.of(new Stage(java.util.List.of(0, 1), "conv1.relu"),
        new Stage(java.util.List.of(2, 3), "stage3.0.gconv1.relu"));
    ChannelGroupSlicer.Slicing s = check(g, ChannelGroupSlicer.slice(q, stages), 4);
    assertEquals(2, s.outputBoard(), "the last stage's first board gathers the scores");
    assertTrue(s.boards().get(2).graph().inputs().stream().noneMatch(i -> i.name().equals("image")),
        "only the first stage reads the image");
    assertTrue(s.exchanges().stream().anyMatch(x -> x.from() == 1 && x.to() == 3),
        "a second-stage board gathers straight from the first stage's boards");
    assertTrue(s.exchanges().stream().noneMatch(x -> x.from() >= 2 && x.to() < 2), "nothing flows back a stage");
  }

  @Test
  void groupsThatTheBoardsCannotShareNameTheLayer() {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build("shufflenet-tiny"), 1);
    PlanException e = assertThrows(PlanException.class, () -> ChannelGroupSlicer.slice(q, 3));
    assertTrue(e.getMessage().contains("stage2.0.gconv2") && e.getMessage().contains("2 groups cannot be shared by 3"),
        e.getMessage());
  }

  @Test
  void oneBoardIsNotChannelGroups() {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build("i-shufflenet-tiny-d2"), 1);
    assertThrows(PlanException.class, () -> ChannelGroupSlicer.slice(q, 1));
  }

  private static ChannelGroupSlicer.Slicing check(org.shardwire.model.Graph graph, int boards) {
    return check(graph, ChannelGroupSlicer.slice(Quantization.quantize(graph, 1), boards), boards);
  }

  private static ChannelGroupSlicer.Slicing check(org.shardwire.model.Graph graph, ChannelGroupSlicer.Slicing s,
      int boards) {
    QuantizedGraph q = Quantization.quantize(graph, 1);
    Shape in = graph.inputShape();
    byte[] pixels = new byte[(int) in.elements()];
    new Random(7).nextBytes(pixels);
    Int8Tensor image = Int8Tensor.activation(in, pixels);
    Map<String, Int8Tensor> golden = new Int8Inference(q).trace(image);
    Map<String, Int8Tensor> cluster = new Int8Inference(s.joined()).trace(image);
    String out = graph.outputs().get(0);
    assertArrayEquals(golden.get(out).data(), cluster.get(s.joined().graph().outputs().get(0)).data(), "scores");
    int checked = 0;
    for (int d = 0; d < boards; d++) {
      for (Node n : s.boards().get(d).graph().nodes()) {
        ChannelGroupSlicer.Held h = s.held().get(d).get(n.name());
        assertFalse(h == null, "board " + d + " node " + n.name() + " has no slice record");
        Int8Tensor full = golden.get(h.tensor());
        Int8Tensor mine = cluster.get(ChannelGroupSlicer.Slicing.joinedName(d, n.name()));
        assertArrayEquals(channels(full, h.from(), h.to()), mine.data(), "board " + d + " " + n.name() + " = " + h);
        checked++;
      }
    }
    assertTrue(checked > 20, "checked " + checked + " streams");
    return s;
  }

  private static byte[] channels(Int8Tensor t, int from, int to) {
    Shape s = t.shape();
    byte[] data = t.data();
    int pixels = s.h() * s.w();
    byte[] out = new byte[pixels * (to - from)];
    for (int p = 0; p < pixels; p++) {
      System.arraycopy(data, p * s.c() + from, out, p * (to - from), to - from);
    }
    return out;
  }
}
