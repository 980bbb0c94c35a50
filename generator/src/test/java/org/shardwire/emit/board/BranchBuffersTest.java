package org.shardwire.emit.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.RequantProduct;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.model.Shape;
import org.shardwire.plan.BranchFifos;

/** The board builds the plan's branch FIFOs in words of each reader's input stream. */
class BranchBuffersTest {

  /** An engine described only by its streams. */
  record FakeEngine(List<TensorStream> inputs, TensorStream out) implements EngineConfig {
    @Override public String moduleName() { return "fake"; }
    @Override public List<TensorStream> outputs() { return List.of(out); }
    @Override public long cyclesPerFrame() { return out.wordsPerFrame(); }
    @Override public List<Long> inputWordsBeforeFirstOutput() { return inputs.stream().map(i -> 1L).toList(); }
    @Override public int macMultipliers() { return 0; }
    @Override public List<RequantProduct> requantProducts() { return List.of(); }
    @Override public List<MemorySpec> memories() { return List.of(); }
    @Override public long luts() { return 0; }
    @Override public Module newModule() { throw new UnsupportedOperationException("no hardware in this test"); }
  }

  private static final Shape T = Shape.of(8, 8, 16);

  private static BoardNetwork residual() {
    FakeEngine conv = new FakeEngine(List.of(new TensorStream("s_axis", T, 4)), new TensorStream("m_axis", T, 4));
    FakeEngine add = new FakeEngine(List.of(new TensorStream("s_axis_a", T, 4), new TensorStream("s_axis_b", T, 8)),
        new TensorStream("m_axis", T, 4));
    return new BoardNetwork("x", List.of(
        new EngineNode("conv1", conv, List.of("x"), "c1"),
        new EngineNode("conv2", conv, List.of("c1"), "c2"),
        new EngineNode("add", add, List.of("c2", "x"), "y")), "y");
  }

  @Test
  void depthIsThePlansElementsInWordsOfTheReadersInput() {
    BoardNetwork.Reader shortcut = new BoardNetwork.Reader("add", 1);
    Map<BoardNetwork.Reader, BranchBuffers.Fifo> fifos = BranchBuffers.size(residual(), Map.of(shortcut, 304L));
    assertEquals(1, fifos.size());
    // 304 elements on the add's 8-lane input: 38 words, + the margin of BranchFifos.words.
    assertEquals(new BranchBuffers.Fifo("x", shortcut, 38 + BranchFifos.MARGIN_WORDS, 304), fifos.get(shortcut));
  }

  @Test
  void noFifoWhereThePlanPlacedNone() {
    assertTrue(BranchBuffers.size(residual(), Map.of()).isEmpty());
  }

  @Test
  void aFifoOnAnInputThatReadsNoForkIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BranchBuffers.size(residual(), Map.of(new BoardNetwork.Reader("conv2", 0), 16L)));
    assertTrue(e.getMessage().contains("conv2"), e.getMessage());
  }
}
