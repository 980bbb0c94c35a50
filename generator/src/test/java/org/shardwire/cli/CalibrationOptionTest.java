package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.report.JsonFiles;
import org.shardwire.testing.TestPaths;

/** --calibration DIR: quantizes on the pictures, is recorded in source.json, and a bad folder is exit 2. */
class CalibrationOptionTest {
  @Test
  void picturesSetTheScalesAndTravelInSourceJson() throws Exception {
    Path root = TestPaths.freshDir("calibration");
    Path pictures = Files.createDirectories(root.resolve("pictures"));
    for (int i = 0; i < 3; i++) {
      BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 30; y++) {
        for (int x = 0; x < 40; x++) {
          img.setRGB(x, y, (x * 6 + i * 40) << 16 | (y * 8) << 8 | (i * 90));
        }
      }
      ImageIO.write(img, "png", pictures.resolve("p" + i + ".png").toFile());
    }
    ModelOptions seeded = new ModelOptions();
    seeded.model = "resnet8-cifar";
    ModelOptions calibrated = new ModelOptions();
    calibrated.model = "resnet8-cifar";
    calibrated.calibration = pictures;
    QuantizedGraph a = Int8Model.load(seeded);
    QuantizedGraph b = Int8Model.load(calibrated);
    assertNotEquals(a.scales(), b.scales(), "the pictures, not the seeded images, set the activation scales");
    assertEquals(b.scales(), Int8Model.load(calibrated).scales(), "same pictures, same scales");

    Files.createDirectories(root.resolve("gen"));
    JsonFiles.write(ModelSource.of(calibrated), root.resolve("gen").resolve(ModelSource.FILE));
    assertEquals(pictures.toAbsolutePath(), ModelSource.read(root.resolve("gen")).calibration);

    assertEquals(0, Main.run("plan", "--model", "resnet8-cifar", "--boards", "zcu102:1", "--calibration",
        pictures.toString()));
    Path empty = Files.createDirectories(root.resolve("empty"));
    StringWriter err = new StringWriter();
    assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "plan", "--model",
        "resnet8-cifar", "--calibration", empty.toString()));
    assertTrue(err.toString().contains("no *.png, *.jpg or *.jpeg pictures"), err.toString());
  }
}
