package org.shardwire.blocks.engines.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.blocks.engines.EngineSim.Frame;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.model.Shape;
import org.shardwire.quant.Int8Tensor;

/** Every word reaches every branch, in order, whatever each branch's back-pressure. */
class ForkSimTest {

  @ParameterizedTest(name = "{0}x{1}x{2} lanes={3} branches={4}")
  @CsvSource({"4, 4, 12, 4, 2"})
  void everyBranchGetsEveryWord(int h, int w, int c, int lanes, int branches) {
    check(new ForkConfig(Shape.of(h, w, c), lanes, branches));
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0}x{1}x{2} lanes={3} branches={4}")
  @CsvSource({"3, 5, 3, 1, 3", "2, 2, 32, 16, 2", "5, 1, 8, 8, 4"})
  void everyBranchGetsEveryWordWide(int h, int w, int c, int lanes, int branches) {
    check(new ForkConfig(Shape.of(h, w, c), lanes, branches));
  }

  @Test
  void streamsOneWordPerCycle() {
    ForkConfig c = new ForkConfig(Shape.of(8, 8, 8), 4, 3);
    EngineSim.assertThroughput("fork-throughput", c, frames(c, 4, 9));
  }

  @Test
  void reportsTheContract() {
    ForkConfig c = new ForkConfig(Shape.of(8, 8, 8), 4, 3);
    assertEquals(128, c.cyclesPerFrame());
    assertEquals(List.of(1L), c.inputWordsBeforeFirstOutput());
    assertEquals(List.of("m_axis_0", "m_axis_1", "m_axis_2"), c.outputs().stream().map(s -> s.port()).toList());
  }

  private static void check(ForkConfig c) {
    EngineSim.assertBitExact("fork/" + c.moduleName() + "_" + c.shape(), c, frames(c, 3, c.shape().c()),
        EngineSim.GAP, EngineSim.STALL);
  }

  private static List<Frame> frames(ForkConfig c, int n, long seed) {
    Random rnd = new Random(seed);
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Int8Tensor x = EngineSim.randomTensor(c.shape(), rnd);
      frames.add(new Frame(List.of(x), Collections.nCopies(c.branches(), x)));
    }
    return frames;
  }
}
