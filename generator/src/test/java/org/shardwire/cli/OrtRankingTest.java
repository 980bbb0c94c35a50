package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.Shape;
import org.shardwire.testing.TestPaths;

/**
 * ONNX Runtime's ranking as simulate --image shows it: for an --onnx folder it runs the model
 * file (the importer's input layout maps the picture to NCHW), for a zoo net the exported net,
 * and either ranks the classes as the Java float model of the same network does.
 */
class OrtRankingTest {
  @Test
  void onnxFileAndZooNetRankAsTheJavaFloatModel() throws Exception {
    Path onnx = TestPaths.freshDir("ort-ranking").resolve("r8.onnx");
    assertEquals(0, CliRun.of("model", "--model", "resnet8-cifar", "--export-onnx", onnx.toString()).exitCode());
    ModelOptions fromFile = new ModelOptions();
    fromFile.onnx = onnx;
    ModelOptions zoo = new ModelOptions();
    zoo.model = "resnet8-cifar";
    for (ModelOptions o : List.of(fromFile, zoo)) {
      Graph g = o.load();
      FloatTensor picture = random(g.inputShape());
      try (OrtRanking ort = OrtRanking.of(o, g)) {
        List<TopClasses.Ranked> shown = ort.top(picture, 5);
        List<TopClasses.Ranked> java = TopClasses.top(new org.shardwire.golden.FloatInference(g).run(picture).data(), 5);
        assertEquals(java.stream().map(TopClasses.Ranked::index).toList(),
            shown.stream().map(TopClasses.Ranked::index).toList(), ort.source());
        for (int i = 0; i < 5; i++) {
          assertEquals(java.get(i).score(), shown.get(i).score(), 1e-3, ort.source());
        }
        assertTrue(o.onnx != null ? ort.source().contains("r8.onnx") : ort.source().contains("zoo net"), ort.source());
      }
    }
  }

  private static FloatTensor random(Shape s) {
    Random r = new Random(3);
    float[] x = new float[(int) s.elements()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat() * 2 - 1;
    }
    return FloatTensor.activation(s, x);
  }
}
