package org.shardwire.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shardwire.model.Graph;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.Calibration;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QuantizedGraph;

class TensorVectorsTest {
  @Test
  void packsChannelsInnermostLaneZeroLow(@TempDir Path dir) throws Exception {
    // 1x2 pixels, 3 channels: [1, -1, 2] [3, 4, -128]
    Int8Tensor t = Int8Tensor.activation(Shape.of(1, 2, 3), new byte[] {1, -1, 2, 3, 4, -128});
    Path f = dir.resolve("t.hex");
    TensorVectors.write(f, t, 2, true);
    // simd 2: pixel 0 -> [1, -1] then [2, pad 0]; pixel 1 -> [3, 4] then [-128, 0]
    assertEquals(List.of("ff01 0", "2 0", "403 0", "80 1"), Files.readAllLines(f));
    assertEquals(t, TensorVectors.read(f, t.shape(), 2));
    assertThrows(IllegalArgumentException.class, () -> TensorVectors.read(f, Shape.of(1, 1, 3), 2));
  }

  @Test
  void traceTensorsRoundTrip(@TempDir Path dir) {
    Graph g = ModelZoo.build("shufflenet-tiny");
    QuantizedGraph q = Quantization.quantize(g, 1);
    Map<String, Int8Tensor> trace = new Int8Inference(q)
        .trace(q.quantizeInput(Calibration.seededInputs(g.inputShape(), 1, 3).get(0)));
    for (String name : List.of("image", "stage2.0.concat", "fc")) {
      for (int simd : new int[] {1, 4, 16}) {
        Path f = dir.resolve(name + "-" + simd + ".hex");
        TensorVectors.write(f, trace.get(name), simd, false);
        assertEquals(trace.get(name), TensorVectors.read(f, trace.get(name).shape(), simd), name + " simd " + simd);
      }
    }
    List<List<BigInteger>> beats = TensorVectors.beats(trace.get("fc"), 4, true);
    assertEquals(3, beats.size(), "10 channels at simd 4");
  }
}
