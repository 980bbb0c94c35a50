package org.shardwire.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.passes.GraphPass;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.Calibration;
import org.shardwire.quant.QuantizedGraph;

/** int8 golden output against the float output of the same network on seeded images it was not calibrated on. */
class Int8AccuracyTest {
  static double cosine(FloatTensor a, FloatTensor b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.size(); i++) {
      ab += (double) a.get(i) * b.get(i);
      aa += (double) a.get(i) * a.get(i);
      bb += (double) b.get(i) * b.get(i);
    }
    return ab / Math.sqrt(aa * bb);
  }

  static void assertCloseToFloat(String model, int images) {
    Graph g = ModelZoo.build(model);
    QuantizedGraph q = Quantization.quantize(g, 1);
    Int8Inference int8 = new Int8Inference(q);
    FloatInference fp = new FloatInference(GraphPass.optimize(g));
    String out = g.outputs().get(0);
    for (FloatTensor x : Calibration.seededInputs(g.inputShape(), images, 1234)) {
      double cos = cosine(q.dequantize(out, int8.run(q.quantizeInput(x))), fp.run(x));
      assertTrue(cos >= 0.99, model + ": cosine " + cos + " < 0.99");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet8-cifar", "shufflenet-tiny"})
  void int8AgreesWithFloat(String model) {
    assertCloseToFloat(model, 4);
  }
}
