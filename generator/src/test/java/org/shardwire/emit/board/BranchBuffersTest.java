package org.shardwire.emit.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.model.Shape;

/** FIFO sizing on hand-computed residual and concat diamonds. */
class BranchBuffersTest {

  /** An engine described only by its streams and fill latency. */
  record FakeEngine(List<TensorStream> inputs, TensorStream out, List<Long> inputWordsBeforeFirstOutput)
      implements EngineConfig {
    @Override public String moduleName() { return "fake"; }
    @Override public List<TensorStream> outputs() { return List.of(out); }
    @Override public long cyclesPerFrame() { return out.wordsPerFrame(); }
    @Override public int macMultipliers() { return 0; }
    @Override public int requantizers() { return 0; }
    @Override public List<MemorySpec> memories() { return List.of(); }
    @Override public long luts() { return 0; }
    @Override public Module newModule() { throw new UnsupportedOperationException("no hardware in this test"); }
  }

  private static final Shape T = Shape.of(8, 8, 16);

  private static FakeEngine oneInput(int inLanes, Shape outShape, int outLanes, long before) {
    return new FakeEngine(List.of(new TensorStream("s_axis", T, inLanes)), new TensorStream("m_axis", outShape, outLanes),
        List.of(before));
  }

  @Test
  void residualBlockShortcutHoldsTheConvolutionsLookahead() {
    FakeEngine conv = oneInput(4, T, 4, 40);
    FakeEngine add = new FakeEngine(List.of(new TensorStream("s_axis_a", T, 4), new TensorStream("s_axis_b", T, 4)),
        new TensorStream("m_axis", T, 4), List.of(1L, 1L));
    BoardNetwork net = new BoardNetwork("x", List.of(
        new EngineNode("conv1", conv, List.of("x"), "c1"),
        new EngineNode("conv2", conv, List.of("c1"), "c2"),
        new EngineNode("add", add, List.of("c2", "x"), "y")), "y");
    Map<BoardNetwork.Reader, BranchBuffers.Fifo> fifos = BranchBuffers.size(net, streams(4));
    // Long branch: conv2 needs 40 words of c1; conv1 emits 40 words after 40 + 39 words of x
    // = 79 words = 316 elements. Shortcut: the add takes 1 word (4 elements) then waits.
    BranchBuffers.Fifo shortcut = fifos.get(new BoardNetwork.Reader("add", 1));
    assertEquals(312, shortcut.neededElements());
    assertEquals((312 + 8 * 16) / 4 + 16, shortcut.depth());
    assertEquals(0, fifos.get(new BoardNetwork.Reader("conv1", 0)).depth());
  }

  @Test
  void strideAndLaneChangesAreCountedInElements() {
    Shape half = Shape.of(4, 4, 16);
    // Stride-2 branch engine: 4 input words per output word (ratio 4), first output after 50 words.
    FakeEngine down = new FakeEngine(List.of(new TensorStream("s_axis", T, 2)), new TensorStream("m_axis", half, 8),
        List.of(50L));
    FakeEngine pool = new FakeEngine(List.of(new TensorStream("s_axis", T, 8)), new TensorStream("m_axis", half, 8),
        List.of(20L));
    FakeEngine concat = new FakeEngine(List.of(new TensorStream("s_axis_0", half, 8),
        new TensorStream("s_axis_1", half, 8)), new TensorStream("m_axis", Shape.of(4, 4, 32), 8), List.of(2L, 2L));
    BoardNetwork net = new BoardNetwork("x", List.of(
        new EngineNode("down", down, List.of("x"), "d"),
        new EngineNode("pool", pool, List.of("x"), "p"),
        new EngineNode("cat", concat, List.of("d", "p"), "y")), "y");
    Map<BoardNetwork.Reader, BranchBuffers.Fifo> fifos = BranchBuffers.size(net, streams(8));
    // down: 2 words of d need 50 + ceil(1 * (64*16/2)/(16*16/8)) = 50 + 16 = 66 words x 2 lanes = 132 elements.
    // pool: 2 words of p need 20 + ceil(1 * (64*16/8)/(32)) = 20 + 4 = 24 words x 8 lanes = 192 elements.
    assertEquals(0, fifos.get(new BoardNetwork.Reader("pool", 0)).neededElements());
    assertEquals(60, fifos.get(new BoardNetwork.Reader("down", 0)).neededElements());
    assertEquals((60 + 8 * 16 + 1) / 2 + 16, fifos.get(new BoardNetwork.Reader("down", 0)).depth());
  }

  @Test
  void topologicalOrderIsChecked() {
    FakeEngine conv = oneInput(4, T, 4, 40);
    assertThrows(IllegalArgumentException.class, () -> new BoardNetwork("x", List.of(
        new EngineNode("b", conv, List.of("a"), "b"),
        new EngineNode("a", conv, List.of("x"), "a")), "b"));
  }

  private static Map<String, TensorStream> streams(int lanes) {
    return Map.of("x", new TensorStream("m_axis", T, lanes));
  }
}
