package org.shardwire.model.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad ONNX input gives one clear message naming the file and the problem. */
class OnnxImportErrorsTest {
  @TempDir
  Path dir;

  private static TinyOnnx convNet(long inChannels) {
    return TestModels.convNet(inChannels);
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private static void assertMentions(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
    }
  }

  @Test
  void validModelImports() throws Exception {
    Path p = write("ok.onnx", convNet(3).build().toByteArray());
    ImportedModel m = OnnxImporter.importFile(p);
    assertTrue(m.graph().nodes().size() == 2);
  }

  @Test
  void truncatedFile() throws Exception {
    byte[] full = convNet(3).build().toByteArray();
    Path p = write("cut.onnx", Arrays.copyOf(full, full.length / 2));
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(p));
    assertMentions(e, "cut.onnx", "truncated");
  }

  @Test
  void emptyAndMissingAndGarbageFiles() throws Exception {
    Path empty = write("empty.onnx", new byte[0]);
    assertMentions(assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(empty)), "empty.onnx", "empty");
    Path missing = dir.resolve("missing.onnx");
    assertMentions(assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(missing)),
        "missing.onnx", "no such file");
    Path text = write("text.onnx", "this is not a model\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertMentions(assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(text)), "text.onnx");
  }

  @Test
  void unsupportedOpsAreAllListed() throws Exception {
    TinyOnnx t = convNet(3)
        .node("Sigmoid", "sig1", new String[] {"z"}, "s1")
        .node("Sigmoid", "sig2", new String[] {"s1"}, "s2")
        .node("LRN", "norm", new String[] {"s2"}, "s3");
    Path p = write("unsupported.onnx", t.build().toByteArray());
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(p));
    assertMentions(e, "unsupported.onnx", "LRN (node 'norm')", "Sigmoid (nodes 'sig1', 'sig2')", "Supported:");
  }

  @Test
  void shapeMismatchNamesNodeAndShapes() throws Exception {
    Path p = write("mismatch.onnx", convNet(5).build().toByteArray());
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(p));
    assertMentions(e, "mismatch.onnx", "conv1", "5 channels", "[4, 3, 3, 3]", "shape mismatch");
  }

  @Test
  void zeroSizeInput() throws Exception {
    TinyOnnx t = new TinyOnnx()
        .input("x", 1, 3, 0, 8)
        .node("Relu", "relu1", new String[] {"x"}, "z")
        .output("z", 1, 3, 0, 8);
    Path p = write("zero.onnx", t.build().toByteArray());
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(p));
    assertMentions(e, "zero.onnx", "'x'", "zero-size", "axis 2");
  }

  /** A node with no output (the fuzzer's find: an index error inside the layout pass) is refused by name. */
  @Test
  void aNodeWithoutAnOutputIsRefused() throws Exception {
    TinyOnnx t = new TinyOnnx()
        .input("x", 1, 3, 8, 8)
        .node("Relu", "relu1", new String[] {"x"}, new String[0])
        .node("Relu", "relu2", new String[] {"x"}, "z")
        .output("z", 1, 3, 8, 8);
    Path p = write("no-output.onnx", t.build().toByteArray());
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(p));
    assertMentions(e, "no-output.onnx", "relu1", "0 output(s)");
  }

  @Test
  void computedWeightsAreRefused() throws Exception {
    TinyOnnx t = new TinyOnnx()
        .input("x", 1, 3, 8, 8)
        .input("w", 4, 3, 3, 3)
        .node("Conv", "conv1", new String[] {"x", "w"}, "y")
        .output("y", 1, 4, 6, 6);
    Path p = write("dynamic.onnx", t.build().toByteArray());
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(p));
    assertMentions(e, "conv1", "must be a constant");
  }
}
