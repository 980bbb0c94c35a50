package org.shardwire.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BlazeFace (MediaPipe front model, 128x128 NHWC input, four outputs), fetched by
 * scripts/fetch-blazeface.sh: imported and run by the golden float path against ONNX Runtime on
 * the original file.
 */
class BlazeFaceTest {
  static Path model() {
    Path p = Path.of(System.getProperty("shardwire.repoRoot", "."), ".cache", "models",
        "face_detection_front_128x128_barracuda.onnx");
    assertTrue(Files.isRegularFile(p), p + " is missing: run scripts/fetch-blazeface.sh (./shardwire test does)");
    return p;
  }

  @Test
  void importsWithNhwcInputAndFourOutputs() {
    ImportedModel m = OnnxImporter.importFile(model());
    assertEquals(1, m.inputs().size());
    assertEquals(List.of(1, 128, 128, 3), box(m.inputs().get(0).onnxDims()));
    // NHWC input: the IR tensor is the ONNX tensor itself.
    assertTrue(m.inputs().get(0).layout().isIdentityOrder());
    assertEquals("128x128x3", m.graph().inputShape().toString());
    assertEquals(4, m.outputs().size());
    assertEquals(List.of(1, 512, 1), box(m.output("Identity:0").onnxDims()));
    assertEquals(List.of(1, 384, 16), box(m.output("Identity_3:0").onnxDims()));
  }

  @Test
  void floatPathMatchesOnnxRuntime() throws Exception {
    Path file = model();
    ImportedModel m = OnnxImporter.importFile(file);
    String in = m.inputs().get(0).onnxName();
    float[] image = OnnxAdapter.random(11, 128 * 128 * 3, -1f, 1f);
    Map<String, float[]> ours = OnnxAdapter.runFloat(m, Map.of(in, image));
    Map<String, float[]> ort;
    try (OrtRunner rt = new OrtRunner(Files.readAllBytes(file))) {
      ort = rt.run(Map.of(in, image), Map.of(in, new long[] {1, 128, 128, 3}));
    }
    Map<String, Double> diffs = new LinkedHashMap<>();
    for (ValueBinding b : m.outputs()) {
      Compare.assertClose("BlazeFace " + b.onnxName(), ort.get(b.onnxName()), ours.get(b.onnxName()), 1e-4);
      diffs.put(b.onnxName(), Compare.maxRelDiff(ort.get(b.onnxName()), ours.get(b.onnxName())));
    }
    System.out.println("BlazeFace float vs ONNX Runtime, max |diff| / max |ORT| per output: " + diffs);
  }

  private static List<Integer> box(int[] d) {
    return java.util.Arrays.stream(d).boxed().toList();
  }
}
