package org.shardwire.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.passes.GraphPass;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.Calibration;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QuantizedGraph;

/** The big zoo models through quantization and the golden model (mvn -Pslow). */
@Tag("slow")
class ZooInt8SlowTest {
  @ParameterizedTest
  @ValueSource(strings = {"resnet50", "resnet18", "shufflenet-g1", "shufflenet-g2", "shufflenet-g3", "shufflenet-g4",
      "shufflenet-g8", "i-shufflenet-g2-d2", "i-shufflenet-g8-d4"})
  void int8AgreesWithFloatAndEnginesAgree(String model) {
    Graph g = ModelZoo.build(model);
    QuantizedGraph q = Quantization.quantize(g, 1);
    FloatInference fp = new FloatInference(GraphPass.optimize(g));
    Int8Inference vector = new Int8Inference(q, ConvEngine.VECTOR);
    Int8Inference scalar = new Int8Inference(q, ConvEngine.SCALAR);
    String out = g.outputs().get(0);
    for (FloatTensor x : Calibration.seededInputs(g.inputShape(), 2, 77)) {
      Int8Tensor qx = q.quantizeInput(x);
      Int8Tensor y = vector.run(qx);
      assertEquals(y, scalar.run(qx), model + ": both conv engines give the same integers");
      double cos = Int8AccuracyTest.cosine(q.dequantize(out, y), fp.run(x));
      assertTrue(cos >= 0.99, model + ": cosine " + cos);
    }
  }
}
