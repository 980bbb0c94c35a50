package org.shardwire.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.golden.FloatInference;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;

/**
 * The zoo's small float nets, exported to ONNX and run by ONNX Runtime, against the golden float
 * path on the same weights and input; and the export imported back gives the same results.
 */
class ZooOnnxRuntimeTest {

  @ParameterizedTest
  @ValueSource(strings = {"resnet8-cifar", "shufflenet-tiny"})
  void floatPathMatchesOnnxRuntime(String model) throws Exception {
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
  }
}
