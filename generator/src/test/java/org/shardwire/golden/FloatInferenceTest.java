package org.shardwire.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.model.Activation;
import org.shardwire.model.AvgPool;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.Graph;
import org.shardwire.model.GraphBuilder;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.model.zoo.WeightInit;
import org.shardwire.quant.Calibration;

class FloatInferenceTest {
  /** Numbers small enough to check by hand. */
  @Test
  void handComputedValues() {
    // 3x3x1 input 1..9; 2x2 conv of ones, stride 1, padding (0,0,1,1): sums of 2x2 windows, edges zero-padded.
    GraphBuilder b = new GraphBuilder("hand");
    b.input("x", Shape.of(3, 3, 1));
    b.add("conv", new Conv(FloatTensor.of(new float[] {1, 1, 1, 1}, 1, 2, 2, 1),
        Optional.of(FloatTensor.vector(0.5f)), 1, 1, new Padding(0, 0, 1, 1), 1, Activation.NONE), "x");
    b.add("avg", AvgPool.of(2, 2, Padding.uniform(1), false), "x");
    b.add("avgpad", AvgPool.of(2, 2, Padding.uniform(1), true), "x");
    b.add("max", MaxPool.of(2, 2, Padding.uniform(1)), "x");
    b.add("fc", new FullyConnected(FloatTensor.of(new float[] {1, 0, 0, 0, 0, 0, 0, 0, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
        2, 9), Optional.empty(), Activation.RELU), "x");
    Graph g = b.output("conv").build();
    FloatTensor x = FloatTensor.activation(Shape.of(3, 3, 1), new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    for (ConvEngine e : new ConvEngine[] {ConvEngine.SCALAR, ConvEngine.VECTOR}) {
      Map<String, FloatTensor> t = new FloatInference(g, e).trace(x);
      assertArrayEquals(new float[] {12.5f, 16.5f, 9.5f, 24.5f, 28.5f, 15.5f, 15.5f, 17.5f, 9.5f}, t.get("conv").data());
      // windows start at -1: [1], [2,3], [4,7], [5,6,8,9] ... count_include_pad=false divides by real pixels
      assertArrayEquals(new float[] {1f, 2.5f, 5.5f, 7f}, t.get("avg").data());
      assertArrayEquals(new float[] {0.25f, 1.25f, 2.75f, 7f}, t.get("avgpad").data());
      assertArrayEquals(new float[] {1f, 3f, 7f, 9f}, t.get("max").data());
      assertArrayEquals(new float[] {0f, 45f}, t.get("fc").data(), e + ": relu(1 - 9) = 0, sum = 45");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet8-cifar", "shufflenet-tiny", "i-shufflenet-g4-d2"})
  void vectorEngineAgreesWithScalar(String model) {
    Graph g = ModelZoo.build(model);
    if (g.inputShape().h() > 32) {
      g = ModelZoo.build(model, Shape.of(48, 48, 3), 1);
    }
    FloatTensor x = Calibration.seededInputs(g.inputShape(), 1, 8).get(0);
    Map<String, FloatTensor> a = new FloatInference(g, ConvEngine.SCALAR).trace(x);
    Map<String, FloatTensor> v = new FloatInference(g, ConvEngine.VECTOR).trace(x);
    for (String name : a.keySet()) {
      double err = 0;
      double max = 1e-12;
      for (int i = 0; i < a.get(name).size(); i++) {
        err = Math.max(err, Math.abs(a.get(name).get(i) - v.get(name).get(i)));
        max = Math.max(max, Math.abs(a.get(name).get(i)));
      }
      assertTrue(err / max < 1e-5, model + " " + name + ": relative difference " + err / max);
    }
  }

  @Test
  void oddGroupsAndFullyConnectedAgree() {
    WeightInit init = new WeightInit(4);
    GraphBuilder b = new GraphBuilder("odd");
    b.input("x", Shape.of(7, 5, 6));
    b.add("g", new Conv(init.conv("g", 75, 3, 3, 2), Optional.of(init.bias("g", 75, 0.3f)), 2, 1,
        new Padding(1, 0, 2, 1), 3, Activation.RELU6), "x");
    b.add("fc", new FullyConnected(init.fullyConnected("fc", 37, 4 * 4 * 75), Optional.empty(), Activation.NONE), "g");
    Graph g = b.output("fc").build();
    FloatTensor x = Calibration.seededInputs(g.inputShape(), 1, 9).get(0);
    FloatTensor s = new FloatInference(g, ConvEngine.SCALAR).trace(x).get("g");
    FloatTensor v = new FloatInference(g, ConvEngine.VECTOR).trace(x).get("g");
    assertArrayEquals(s.data(), v.data(), 1e-5f);
    FloatTensor fs = new FloatInference(g, ConvEngine.SCALAR).run(x);
    FloatTensor fv = new FloatInference(g, ConvEngine.VECTOR).run(x);
    assertArrayEquals(fs.data(), fv.data(), 1e-4f);
  }
}
