package org.shardwire.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.shardwire.cli.Main;
import org.shardwire.golden.FloatInference;
import org.shardwire.golden.Int8Inference;
import org.shardwire.golden.Quantization;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.Graph;
import org.shardwire.model.ImageInput;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.testing.TestPaths;

/**
 * {@code simulate --image}: two pictures the test draws (a PNG and a JPEG, neither at the model's
 * input size) through a two-board resnet8-cifar cluster in Verilator. The cluster's top classes
 * are the int8 golden model's (the harness checked every score); the CLI shows the float model's
 * ranking from ONNX Runtime (the zoo net exported to ONNX, as it says), the same classes as the
 * test's own ONNX Runtime run, whose top class agrees with the golden float model's.
 */
class RealImageSimulateTest {
  @Test
  void picturesThroughTheClusterRankAsTheGoldenModel() throws Exception {
    Path root = TestPaths.freshDir("real-image");
    Path png = root.resolve("stripes.png");
    Path jpg = root.resolve("disc.jpg");
    ImageIO.write(stripes(), "png", png.toFile());
    ImageIO.write(disc(), "jpg", jpg.toFile());
    Path dir = root.resolve("cluster");
    assertEquals(0, Main.run("generate", "--model", "resnet8-cifar", "--boards", "zcu102:2", "--out", dir.toString()));
    StringWriter out = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(System.err, true), "simulate", dir.toString(),
        "--image", png.toString(), jpg.toString(), "--build-cache", TestPaths.verilatorCache().toString());
    System.out.print(out);
    assertEquals(0, code, out.toString());
    assertTrue(out.toString().contains("2 frames"), out.toString());
    assertTrue(out.toString().contains("ONNX Runtime ran the built-in net exported to ONNX, as model --export-onnx "
        + "writes it: a zoo net has no ONNX file"), "a zoo net says what ONNX Runtime ran: " + out);

    Graph g = ModelZoo.build("resnet8-cifar");
    QuantizedGraph q = Quantization.quantize(g, ModelZoo.DEFAULT_SEED);
    Shape s = g.inputShape();
    byte[] onnx = OnnxExporter.export(g).toByteArray();
    try (OrtRunner ort = new OrtRunner(onnx)) {
      for (Path picture : List.of(png, jpg)) {
        FloatTensor x = ImageInput.read(picture, s);
        float[] int8 = q.dequantize(g.outputs().get(0), new Int8Inference(q).run(q.quantizeInput(x))).data();
        String line = out.toString().lines().filter(l -> l.startsWith(picture.toString())).findFirst().orElseThrow();
        assertTrue(line.contains("cluster (bit-exact, so the golden's) " + top(int8, 5)), line + " vs " + top(int8, 5));
        int[] toOnnx = TensorLayout.nchw(new int[] {1, s.c(), s.h(), s.w()}).irToOnnx();
        float[] nchw = new float[toOnnx.length];
        for (int i = 0; i < toOnnx.length; i++) {
          nchw[toOnnx[i]] = x.data()[i];
        }
        float[] ortScores = ort.runSingle(g.inputs().get(0).name(), nchw, 1, s.c(), s.h(), s.w());
        float[] golden = new FloatInference(g).run(x).data();
        System.out.println(picture.getFileName() + ": ONNX Runtime float top-5 " + top(ortScores, 5)
            + ", golden float " + top(golden, 5) + ", int8 " + top(int8, 5));
        assertEquals(top(ortScores, 1), top(golden, 1), picture + ": float top class, golden vs ONNX Runtime");
        // The CLI shows ONNX Runtime's ranking too: the same classes in the same order as the test's own run.
        String shown = line.substring(line.indexOf("; ONNX Runtime ") + "; ONNX Runtime ".length());
        assertEquals(classes(top(ortScores, 5).toString()), classes(shown), line);
      }
    }
  }

  /** The class indices of a printed ranking "[3 (0.912), 7 (0.101), ...]", in order. */
  private static List<Integer> classes(String ranking) {
    List<Integer> idx = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) \\(").matcher(ranking);
    while (m.find()) {
      idx.add(Integer.parseInt(m.group(1)));
    }
    return idx;
  }

  /** Class indices by score, highest first (ties by index), as TopClasses prints them. */
  private static List<String> top(float[] scores, int k) {
    List<Integer> idx = new ArrayList<>(IntStream.range(0, scores.length).boxed().toList());
    idx.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
    return idx.subList(0, k).stream().map(i -> String.format(java.util.Locale.ROOT, "%d (%.3f)", i, scores[i]))
        .toList();
  }

  private static BufferedImage stripes() {
    BufferedImage img = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, ((x / 6) % 2 == 0) ? new Color(230, 40, 30).getRGB() : new Color(20, 60, 200).getRGB());
      }
    }
    return img;
  }

  private static BufferedImage disc() {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(250, 240, 200));
    g.fillRect(0, 0, 64, 64);
    g.setColor(new Color(30, 140, 60));
    g.fillOval(8, 12, 44, 40);
    g.dispose();
    return img;
  }
}
