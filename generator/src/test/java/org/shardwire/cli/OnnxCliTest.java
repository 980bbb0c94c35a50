package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./shardwire model --onnx FILE} and {@code --export-onnx FILE}, including the bad-input exits. */
class OnnxCliTest {
  @TempDir
  Path dir;

  private static ModelCommandTest.Result run(String... args) {
    return ModelCommandTest.run(args);
  }

  private static void assertBadInput(ModelCommandTest.Result r, String... parts) {
    assertEquals(2, r.exit(), r.err());
    for (String p : parts) {
      assertTrue(r.err().contains(p), "stderr should mention '" + p + "': " + r.err());
    }
    assertTrue(!r.err().contains("\tat "), "no stack trace for bad input: " + r.err());
  }

  @Test
  void exportThenImportGivesTheSameTable() {
    Path f = dir.resolve("tiny.onnx");
    ModelCommandTest.Result w = run("model", "--model", "shufflenet-tiny", "--export-onnx", f.toString());
    assertEquals(0, w.exit(), w.err());
    assertTrue(w.out().startsWith("wrote " + f), w.out());
    assertTrue(Files.isRegularFile(f));
    ModelCommandTest.Result zoo = run("model", "--model", "shufflenet-tiny");
    ModelCommandTest.Result imported = run("model", "--onnx", f.toString());
    assertEquals(0, imported.exit(), imported.err());
    assertTrue(imported.out().startsWith("model tiny, input image 32x32x3\n"), imported.out());
    String zooTotal = zoo.out().substring(zoo.out().indexOf("total:"));
    assertEquals(zooTotal, imported.out().substring(imported.out().indexOf("total:")));
    assertTrue(imported.out().contains("ChannelShuffle"), "shuffles come back as ChannelShuffle: " + imported.out());
  }

  @Test
  void exportIsByteIdentical() throws Exception {
    Path a = dir.resolve("a.onnx");
    Path b = dir.resolve("b.onnx");
    assertEquals(0, run("model", "--model", "resnet8-cifar", "--export-onnx", a.toString()).exit());
    assertEquals(0, run("model", "--model", "resnet8-cifar", "--export-onnx", b.toString()).exit());
    assertTrue(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)));
  }

  @Test
  void blazeFaceTable() throws Exception {
    Path blaze = Path.of(System.getProperty("shardwire.repoRoot", "."), ".cache", "models",
        "face_detection_front_128x128_barracuda.onnx");
    assertTrue(Files.isRegularFile(blaze), blaze + " is missing: run scripts/fetch-blazeface.sh");
    ModelCommandTest.Result r = run("model", "--onnx", blaze.toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode input = new ObjectMapper().readTree(r.out()).path("inputs").path(0);
    assertEquals("input:0", input.path("name").asText(), r.out());
    assertEquals("[128,128,3]", input.path("shape").toString(), r.out());
  }

  @Test
  void truncatedFileExitsTwo() throws Exception {
    Path good = dir.resolve("good.onnx");
    assertEquals(0, run("model", "--model", "resnet8-cifar", "--export-onnx", good.toString()).exit());
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.onnx");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 1000));
    assertBadInput(run("model", "--onnx", cut.toString()), "cut.onnx", "truncated");
  }

  @Test
  void unsupportedOpShapeMismatchAndZeroSizeExitTwo() throws Exception {
    Path unsupported = dir.resolve("unsupported.onnx");
    Files.write(unsupported, org.shardwire.model.onnx.TestModels.unsupportedOps().toByteArray());
    assertBadInput(run("model", "--onnx", unsupported.toString()), "unsupported ONNX ops", "Sigmoid (node 'sig')",
        "Softmax (node 'soft')");
    Path mismatch = dir.resolve("mismatch.onnx");
    Files.write(mismatch, org.shardwire.model.onnx.TestModels.shapeMismatch().toByteArray());
    assertBadInput(run("model", "--onnx", mismatch.toString()), "mismatch.onnx", "conv1", "shape mismatch");
    Path zero = dir.resolve("zero.onnx");
    Files.write(zero, org.shardwire.model.onnx.TestModels.zeroSizeInput().toByteArray());
    assertBadInput(run("model", "--onnx", zero.toString()), "zero.onnx", "zero-size");
  }

  @Test
  void optionMistakesExitTwo() {
    assertBadInput(run("model", "--onnx", dir.resolve("nope.onnx").toString()), "nope.onnx", "no such file");
    assertBadInput(run("model", "--onnx", "x.onnx", "--model", "resnet50"), "cannot be combined with --model");
    assertBadInput(run("model"), "--model NAME is required (or --onnx FILE)");
  }
}
