package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.shardwire.report.SourceFile;
import org.shardwire.testing.TestPaths;

/**
 * source.json of an ONNX-generated folder names the model inside the folder, so the folder can be
 * moved (and the original file deleted) and still rebuild the same network; a replaced copy is caught.
 */
class ModelSourceTest {

  @Test
  void aMovedFolderStillFindsItsOnnxModel() throws Exception {
    Path dir = TestPaths.freshDir("model-source/moved");
    Path onnx = dir.resolve("r8.onnx");
    assertEquals(0, CliRun.of("model", "--model", "resnet8-cifar", "--export-onnx", onnx.toString()).exitCode());
    Path out = dir.resolve("out");
    CliRun g = CliRun.of("generate", "--onnx", onnx.toString(), "--boards", "zcu102:1", "--out",
        out.toString());
    assertEquals(0, g.exitCode(), g.err());
    assertTrue(g.out().contains("1 board (board0/vivado.tcl)"), g.out());
    SourceFile source = SourceFile.read(out.resolve(ModelSource.FILE));
    assertEquals("model/r8.onnx", source.onnx());
    assertEquals(ModelSource.sha256(onnx), source.onnxSha256());
    String json = Files.readString(out.resolve(ModelSource.FILE));
    assertTrue(json.contains("onnx_sha256"), json);
    assertFalse(json.contains(dir.toString()), "no absolute path: " + json);

    Path moved = dir.resolve("elsewhere/cluster");
    Files.createDirectories(moved.getParent());
    Files.move(out, moved);
    Files.delete(onnx);
    ModelOptions o = ModelSource.read(moved);
    assertEquals(moved.resolve("model/r8.onnx"), o.onnx);
    assertEquals("r8", o.load().name(), "the graph keeps the name it was generated with");
  }

  @Test
  void aReplacedModelCopyIsBadInputNamingSourceJson() throws Exception {
    Path dir = TestPaths.freshDir("model-source/replaced");
    Path onnx = dir.resolve("r8.onnx");
    assertEquals(0, CliRun.of("model", "--model", "resnet8-cifar", "--export-onnx", onnx.toString()).exitCode());
    Path out = dir.resolve("out");
    assertEquals(0, CliRun.of("generate", "--onnx", onnx.toString(), "--boards", "zcu102:1", "--out",
        out.toString()).exitCode());
    assertEquals(0, CliRun.of("model", "--model", "shufflenet-tiny", "--export-onnx",
        out.resolve("model/r8.onnx").toString()).exitCode());
    CliRun r = CliRun.of("simulate", out.toString());
    assertEquals(2, r.exitCode(), r.all());
    // Caught by the folder's own checksums or by onnx_sha256, whichever looks first: either names the file.
    assertTrue(r.err().contains("model/r8.onnx") || r.err().contains("SHA-256"), r.err());

    Files.delete(out.resolve("model/r8.onnx"));
    r = CliRun.of("simulate", out.toString());
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.err().contains("r8.onnx"), r.err());
    assertFalse(r.err().contains("--onnx"), "names no option the user did not give: " + r.err());
  }
}
