package org.shardwire.blocks.engines.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.EngineSim;
import org.shardwire.blocks.engines.EngineSim.Frame;
import org.shardwire.blocks.engines.SingleLayer;
import org.shardwire.model.ChannelRange;
import org.shardwire.model.Shape;
import org.shardwire.quant.Int8Tensor;

/** The channel-range engine (channel groups cut a stream's part for another board) against the golden model. */
class ChannelRangeEngineSimTest {

  @Test
  void keepsTheMiddleOfEveryPixel() {
    matchesGoldenUnderBackPressure(3, 3, 24, 16, 20, 4); // the head and the tail words are dropped
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0}x{1}x{2} [{3}, {4}) lanes={5}")
  @CsvSource({
      "2, 3, 12, 0, 6, 1",     // the head of the pixel, one element per word
      "2, 2, 16, 8, 16, 8",    // the tail, the frame ending on the input's last word
      "1, 1, 10, 5, 10, 5",    // one pixel (the scores of a fully connected layer)
  })
  void matchesGoldenUnderBackPressure(int h, int w, int c, int from, int to, int lanes) {
    Shape shape = Shape.of(h, w, c);
    ChannelRange range = new ChannelRange(from, to);
    SingleLayer layer = SingleLayer.of(range, List.of(shape), List.of(0.1), 0.1);
    ChannelRangeEngineConfig config = new ChannelRangeEngineConfig(shape, from, to, lanes);
    Random rnd = new Random(c * 31L + from);
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Int8Tensor x = EngineSim.randomTensor(shape, rnd);
      frames.add(new Frame(List.of(x), List.of(layer.run(List.of(x)))));
    }
    EngineSim.assertBitExact("channel-range/" + config.moduleName(), config, frames, EngineSim.GAP, EngineSim.STALL);
  }

  @Test
  void reportsTheContractAndRejectsRangesTheLanesSplit() {
    ChannelRangeEngineConfig c = new ChannelRangeEngineConfig(Shape.of(4, 4, 24), 8, 16, 4);
    assertEquals(4 * 4 * 6, c.cyclesPerFrame());
    assertEquals(List.of(3L), c.inputWordsBeforeFirstOutput());
    assertEquals(Shape.of(4, 4, 8), c.outputShape());
    assertThrows(IllegalArgumentException.class, () -> new ChannelRangeEngineConfig(Shape.of(1, 1, 24), 6, 16, 4));
    assertThrows(IllegalArgumentException.class, () -> new ChannelRangeEngineConfig(Shape.of(1, 1, 24), 8, 28, 4));
  }
}
