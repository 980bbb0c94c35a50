package org.shardwire.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GraphTest {
  static FloatTensor zeros(int... dims) {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    return new FloatTensor(dims, new float[n]);
  }

  static Conv conv(int out, int k, int inPerGroup, int stride, int pad, int groups) {
    return Conv.of(zeros(out, k, k, inPerGroup), stride, Padding.uniform(pad), groups);
  }

  @Test
  void convChannelMismatchNamesLayerAndBothShapes() {
    GraphBuilder b = new GraphBuilder("t");
    b.input("image", Shape.of(8, 8, 3));
    b.add("conv1", conv(16, 3, 4, 1, 1, 1), "image");
    GraphException e = assertThrows(GraphException.class, () -> b.output("conv1").build());
    assertTrue(e.getMessage().contains("'conv1' (Conv)"), e.getMessage());
    assertTrue(e.getMessage().contains("8x8x3"), e.getMessage());
    assertTrue(e.getMessage().contains("16x3x3x4"), e.getMessage());
    assertTrue(e.getMessage().contains("expect 4 input channels"), e.getMessage());
  }

  @Test
  void addMismatchNamesBothShapes() {
    GraphBuilder b = new GraphBuilder("t");
    b.input("x", Shape.of(8, 8, 4));
    b.add("down", conv(4, 1, 4, 2, 0, 1), "x");
    b.add("sum", Add.plain(), "x", "down");
    GraphException e = assertThrows(GraphException.class, () -> b.output("sum").build());
    assertEquals("layer 'sum' (Add): inputs must have the same shape, got 8x8x4 and 4x4x4", e.getMessage());
  }

  @Test
  void concatAndFcMismatches() {
    GraphBuilder b = new GraphBuilder("t");
    b.input("x", Shape.of(8, 8, 4));
    b.add("down", conv(4, 1, 4, 2, 0, 1), "x");
    b.add("cat", new Concat(), "x", "down");
    GraphException e = assertThrows(GraphException.class, () -> b.output("cat").build());
    assertTrue(e.getMessage().contains("'cat' (Concat)") && e.getMessage().contains("8x8x4 and 4x4x4"), e.getMessage());

    GraphBuilder f = new GraphBuilder("t");
    f.input("x", Shape.of(2, 2, 4));
    f.add("fc", new FullyConnected(zeros(10, 15), Optional.empty(), Activation.NONE), "x");
    e = assertThrows(GraphException.class, () -> f.output("fc").build());
    assertTrue(e.getMessage().contains("'fc' (FC): input has shape 2x2x4 (16 values)"), e.getMessage());
  }

  @Test
  void windowThatDoesNotFitIsAnError() {
    GraphBuilder b = new GraphBuilder("t");
    b.input("x", Shape.of(2, 2, 1));
    b.add("pool", MaxPool.of(3, 1, Padding.NONE), "x");
    GraphException e = assertThrows(GraphException.class, () -> b.output("pool").build());
    assertTrue(e.getMessage().contains("'pool' (MaxPool)") && e.getMessage().contains("does not fit input 2x2x1"),
        e.getMessage());
  }

  @Test
  void danglingInputCycleDuplicateAndUnknownOutput() {
    Shape s = Shape.of(4, 4, 2);
    GraphInput in = new GraphInput("x", s);
    GraphException e = assertThrows(GraphException.class, () -> new Graph("t", List.of(in),
        List.of(Node.of("r", new Relu(), "nope")), List.of("r")));
    assertTrue(e.getMessage().contains("'r' (Relu): input 'nope'"), e.getMessage());
    e = assertThrows(GraphException.class, () -> new Graph("t", List.of(in),
        List.of(Node.of("a", new Relu(), "b"), Node.of("b", new Relu(), "a")), List.of("b")));
    assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    e = assertThrows(GraphException.class, () -> new Graph("t", List.of(in),
        List.of(Node.of("a", new Relu(), "x"), Node.of("a", new Relu(), "x")), List.of("a")));
    assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    e = assertThrows(GraphException.class, () -> new Graph("t", List.of(in),
        List.of(Node.of("a", new Relu(), "x")), List.of("zzz")));
    assertTrue(e.getMessage().contains("'zzz'"), e.getMessage());
  }

  @Test
  void zeroSizeShapeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(0, 224, 3));
    assertTrue(e.getMessage().contains("0x224x3"), e.getMessage());
  }

  @Test
  void nodesAreSortedTopologicallyAndDeterministically() {
    Shape s = Shape.of(4, 4, 2);
    Graph g = new Graph("t", List.of(new GraphInput("x", s)),
        List.of(Node.of("c", new Relu(), "b"), Node.of("a", new Relu(), "x"), Node.of("b", new Relu(), "a")),
        List.of("c"));
    assertEquals(List.of("a", "b", "c"), g.nodes().stream().map(Node::name).toList());
    Graph already = g.withNodes(g.nodes());
    assertEquals(g, already);
  }

  @Test
  void macAndParamCounts() {
    GraphBuilder b = new GraphBuilder("t");
    b.input("x", Shape.of(8, 8, 4));
    b.add("conv", new Conv(zeros(16, 3, 3, 4), Optional.of(zeros(16)), 1, 1, Padding.uniform(1), 1,
        Activation.NONE), "x");
    b.add("gconv", conv(8, 1, 4, 2, 0, 4), "conv");            // 16 in, 4 groups of 4 -> 8 out, 4x4
    b.add("dw", conv(8, 3, 1, 1, 1, 8), "gconv");              // depthwise
    b.add("gap", new GlobalAvgPool(), "dw");
    b.add("fc", new FullyConnected(zeros(10, 8), Optional.of(zeros(10)), Activation.NONE), "gap");
    Graph g = b.output("fc").build();
    List<LayerStats> rows = g.stats();
    assertEquals(8L * 8 * 16 * 9 * 4, rows.get(0).macs());
    assertEquals(16L * 9 * 4 + 16, rows.get(0).params());
    assertEquals(Shape.of(4, 4, 8), rows.get(1).output());
    assertEquals(4L * 4 * 8 * 4, rows.get(1).macs());
    assertEquals("DwConv", rows.get(2).op());
    assertEquals(4L * 4 * 8 * 9, rows.get(2).macs());
    assertEquals(0, rows.get(3).macs());
    assertEquals(Shape.vector(8), rows.get(3).output());
    assertEquals(80, rows.get(4).macs());
    assertEquals(90, rows.get(4).params());
    assertEquals(rows.stream().mapToLong(LayerStats::macs).sum(), g.totalMacs());
  }

  @Test
  void avgPoolDivisorFollowsCountIncludePad() {
    Shape in = Shape.of(4, 4, 1);
    AvgPool include = AvgPool.of(3, 2, Padding.uniform(1), true);
    AvgPool exclude = AvgPool.of(3, 2, Padding.uniform(1), false);
    assertEquals(9, include.divisor(in, -1, -1));
    assertEquals(4, exclude.divisor(in, -1, -1));
    assertEquals(6, exclude.divisor(in, -1, 1));
    assertEquals(9, exclude.divisor(in, 1, 1));
    assertEquals(1, exclude.divisor(in, 3, 3), "bottom-right window holds one real row and one real column");
  }

  @Test
  void shufflePermutations() {
    // 6 channels, 2 groups: [0 1 2 | 3 4 5] -> 0 3 1 4 2 5
    assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, new ChannelShuffle(2).permutation(6));
    // One device: inside shuffle is the channel shuffle.
    assertArrayEquals(new ChannelShuffle(4).permutation(16), new InsideShuffle(4, 1).permutation(16));
    // 4 groups over 2 devices, 8 channels: each device shuffles its 2 groups of 2 channels.
    assertArrayEquals(new int[] {0, 2, 1, 3, 4, 6, 5, 7}, new InsideShuffle(4, 2).permutation(8));
    // One group per device: identity.
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, new InsideShuffle(2, 2).permutation(6));
    int[] p = new InsideShuffle(8, 4).permutation(64);
    for (int o = 0; o < 64; o++) {
      assertEquals(o / 16, p[o] / 16, "channel stays on its device");
    }
    assertThrows(IllegalArgumentException.class, () -> new InsideShuffle(3, 2));
  }

  @Test
  void tensorsCompareByValue() {
    FloatTensor a = FloatTensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    FloatTensor b = FloatTensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    FloatTensor c = FloatTensor.of(new float[] {1, 2, 3, 5}, 2, 2);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, c);
    float[] raw = a.data();
    raw[0] = 99;
    assertEquals(1f, a.get(0), "accessor returns a copy");
    assertFalse(a.equals(FloatTensor.of(new float[] {1, 2, 3, 4}, 4)));
  }
}
