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

  /** A calibration picture changed, added or removed after generate is refused by name before simulate runs. */
  @Test
  void changedCalibrationPicturesAreBadInputNamingThem() throws Exception {
    Path dir = TestPaths.freshDir("model-source/calibration");
    Path pictures = Files.createDirectories(dir.resolve("pictures"));
    for (int i = 0; i < 2; i++) {
      picture(i * 70, pictures.resolve("p" + i + ".png"));
    }
    Path out = dir.resolve("out");
    CliRun g = CliRun.of("generate", "--model", "resnet8-cifar", "--input-size", "8x8", "--boards", "zcu102:1",
        "--max-multipliers-per-engine", "4", "--calibration", pictures.toString(), "--out", out.toString());
    assertEquals(0, g.exitCode(), g.all());
    SourceFile source = SourceFile.read(out.resolve(ModelSource.FILE));
    assertEquals(java.util.List.of("p0.png", "p1.png"), java.util.List.copyOf(source.calibrationSha256().keySet()));
    assertEquals(ModelSource.sha256(pictures.resolve("p1.png")), source.calibrationSha256().get("p1.png"));

    picture(200, pictures.resolve("p1.png"));
    CliRun r = CliRun.of("simulate", out.toString());
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.err().contains(pictures.resolve("p1.png") + " changed"), r.err());
    assertFalse(r.err().contains("p0.png"), "only the changed picture is named: " + r.err());
    assertFalse(Files.exists(out.resolve("sim.json")), "nothing is simulated or written");

    Files.delete(pictures.resolve("p1.png"));
    picture(30, pictures.resolve("p2.jpg"));
    r = CliRun.of("simulate", out.toString());
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.err().contains(pictures.resolve("p1.png") + " is missing")
        && r.err().contains(pictures.resolve("p2.jpg") + " was added"), r.err());
  }

  private static void picture(int shade, Path file) throws java.io.IOException {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(12, 10,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 12; x++) {
        img.setRGB(x, y, (shade + x * 9) % 256 << 16 | (y * 20) << 8 | shade);
      }
    }
    String format = file.toString().endsWith(".png") ? "png" : "jpg";
    javax.imageio.ImageIO.write(img, format, file.toFile());
  }
}
