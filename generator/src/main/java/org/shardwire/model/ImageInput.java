package org.shardwire.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Pictures as network inputs (docs/images.md): a PNG or JPEG file is resized to the input's
 * H x W with bilinear filtering (aspect ratio not kept), its RGB pixels p in 0..255 become
 * p / 127.5 - 1 (the range [-1, 1] the seeded calibration images use), in HWC order; a
 * one-channel input takes the luminance 0.299 R + 0.587 G + 0.114 B.
 */
public final class ImageInput {
  private ImageInput() {}

  /** One picture as an input of {@code shape} ([H, W, C], C 1 or 3). */
  public static FloatTensor read(Path file, Shape shape) {
    if (shape.c() != 1 && shape.c() != 3) {
      throw new IllegalArgumentException(file + ": the model's input has " + shape.c() + " channels; pictures feed "
          + "inputs with 1 (grey) or 3 (RGB) channels");
    }
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read it as a picture (" + e.getMessage() + ")", e);
    }
    if (img == null) {
      throw new IllegalArgumentException(file + ": not a PNG or JPEG picture");
    }
    BufferedImage scaled = new BufferedImage(shape.w(), shape.h(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(img, 0, 0, shape.w(), shape.h(), null);
    g.dispose();
    float[] data = new float[shape.h() * shape.w() * shape.c()];
    int k = 0;
    for (int y = 0; y < shape.h(); y++) {
      for (int x = 0; x < shape.w(); x++) {
        int rgb = scaled.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int gr = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (shape.c() == 3) {
          data[k++] = scale(r);
          data[k++] = scale(gr);
          data[k++] = scale(b);
        } else {
          data[k++] = scale(0.299f * r + 0.587f * gr + 0.114f * b);
        }
      }
    }
    return FloatTensor.activation(shape, data);
  }

  /** Every *.png, *.jpg and *.jpeg in {@code dir}, by file name, as inputs of {@code shape}. */
  public static List<FloatTensor> readFolder(Path dir, Shape shape) {
    List<FloatTensor> out = new ArrayList<>();
    for (Path f : pictures(dir)) {
      out.add(read(f, shape));
    }
    return out;
  }

  /** The pictures of a folder that {@link #readFolder} reads, sorted by name (never empty). */
  public static List<Path> pictures(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
          .sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no *.png, *.jpg or *.jpeg pictures in it");
    }
    return files;
  }

  private static float scale(float p) {
    return p / 127.5f - 1f;
  }
}
