package org.shardwire.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.golden.FloatInference;
import org.shardwire.golden.Int8Inference;
import org.shardwire.golden.Quantization;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QuantizedGraph;

/**
 * The zoo's nets, exported to ONNX and run by ONNX Runtime: the golden float path on the same
 * weights and input agrees within 1e-4 (of the largest output), the int8 golden model's
 * dequantized scores have cosine >= 0.99 with ORT's and the same argmax, and the export imported
 * back computes the same as the original graph.
 */
class ZooOnnxRuntimeTest {

  @ParameterizedTest
  @ValueSource(strings = {"resnet8-cifar", "shufflenet-tiny"})
  void floatPathMatchesOnnxRuntime(String model) throws Exception {
    check(model);
  }

  /** The full-size nets (224x224): ResNet-50, ResNet-18, ShuffleNet v1 g1..g8, an I-ShuffleNet. */
  @ParameterizedTest
  @ValueSource(strings = {"resnet50", "resnet18", "shufflenet-g1", "shufflenet-g2", "shufflenet-g3", "shufflenet-g4",
      "shufflenet-g8", "i-shufflenet-g8-d2"})
  void fullSizeFloatPathMatchesOnnxRuntime(String model) throws Exception {
    check(model);
  }

  private static void check(String model) throws Exception {
    long t0 = System.nanoTime();
    Graph g = ModelZoo.build(model);
    Shape s = g.inputShape();
    float[] nchw = OnnxAdapter.random(7, (int) s.elements(), -1f, 1f);
    TensorLayout inLayout = TensorLayout.nchw(new int[] {1, s.c(), s.h(), s.w()});
    FloatTensor input = FloatTensor.activation(s, inLayout.toIr(nchw));
    float[] ours = new FloatInference(g).run(input).data();

    byte[] onnx = OnnxExporter.export(g).toByteArray();
    float[] ort;
    try (OrtRunner rt = new OrtRunner(onnx)) {
      ort = rt.runSingle(g.inputs().get(0).name(), nchw, 1, s.c(), s.h(), s.w());
    }
    // The zoo's outputs are score vectors: [1, classes] in ONNX, 1x1xclasses in the IR (same order).
    Compare.assertClose(model + " float vs ONNX Runtime", ort, ours, 1e-4);
    assertEquals(Compare.argmax(ort), Compare.argmax(ours));

    // Round trip: the exported file imported again computes the same as the original graph.
    ImportedModel back = OnnxImporter.importModel(OnnxExporter.export(g), model, model + ".onnx");
    Map<String, float[]> viaImport = OnnxAdapter.runFloat(back, Map.of(back.inputs().get(0).onnxName(), nchw));
    Compare.assertClose(model + " re-imported vs original", ours, viaImport.values().iterator().next(), 1e-6);
    assertEquals(g.totalMacs(), back.graph().totalMacs(), "re-imported MAC count");

    // int8 golden model (quantized with the default seeded calibration) against ORT's float output.
    QuantizedGraph q = Quantization.quantize(g, ModelZoo.DEFAULT_SEED);
    Int8Tensor out = new Int8Inference(q).run(q.quantizeInput(input));
    float[] int8 = q.dequantize(g.outputs().get(0), out).data();
    double cosine = Compare.cosine(ort, int8);
    System.out.printf("%s: float vs ONNX Runtime max rel diff %.2e; int8 vs ORT float cosine %.4f, argmax %d/%d;"
        + " %.1f s%n", model, Compare.maxRelDiff(ort, ours), cosine, Compare.argmax(int8), Compare.argmax(ort),
        (System.nanoTime() - t0) / 1e9);
    assertTrue(cosine >= 0.99, model + ": int8 vs ORT float cosine " + cosine + " < 0.99");
    assertEquals(Compare.argmax(ort), Compare.argmax(int8), model + ": int8 argmax differs from ORT float");
  }
}
