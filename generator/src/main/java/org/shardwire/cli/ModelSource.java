package org.shardwire.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shardwire.model.ImageInput;
import org.shardwire.report.SourceFile;

/**
 * {@code source.json} of a generated cluster ({@link SourceFile}) to and from the model options,
 * so that {@code simulate} rebuilds exactly the same int8 network. An ONNX model is copied into
 * the folder ({@code model/<file>.onnx}, its name kept because it names the graph) and recorded
 * relative to the folder with its SHA-256, so a moved or copied folder still simulates and a
 * replaced file is caught.
 */
final class ModelSource {
  static final String FILE = SourceFile.FILE;

  private ModelSource() {}

  static SourceFile of(ModelOptions o) {
    return new SourceFile(o.model, o.onnx == null ? null : modelCopy(o), o.onnx == null ? null : sha256(o.onnx),
        o.inputSize, o.seed, o.calibration == null ? null : o.calibration.toAbsolutePath().toString(),
        o.calibration == null ? null : pictureHashes(o.calibration));
  }

  /** SHA-256 of every picture quantization reads from a calibration folder, by file name. */
  private static Map<String, String> pictureHashes(Path folder) {
    Map<String, String> hashes = new TreeMap<>();
    try {
      for (Path p : ImageInput.pictures(folder)) {
        hashes.put(p.getFileName().toString(), sha256(p));
      }
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--calibration " + e.getMessage(), e);
    }
    return hashes;
  }

  /**
   * The calibration pictures must be those the folder was generated with: another picture gives
   * other activation scales, another int8 network, and a mismatch that would blame the hardware.
   */
  private static void checkPictures(Path file, Path folder, Map<String, String> recorded) {
    Map<String, String> now = Files.isDirectory(folder) ? pictureHashesOrEmpty(folder) : Map.of();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : recorded.entrySet()) {
      String hash = now.get(e.getKey());
      if (hash == null) {
        problems.add(folder.resolve(e.getKey()) + " is missing");
      } else if (!hash.equals(e.getValue())) {
        problems.add(folder.resolve(e.getKey()) + " changed (SHA-256 differs from calibration_sha256)");
      }
    }
    for (String name : now.keySet()) {
      if (!recorded.containsKey(name)) {
        problems.add(folder.resolve(name) + " was added");
      }
    }
    if (!problems.isEmpty()) {
      throw new UserInputException(file + ": the calibration pictures are not those this folder was generated "
          + "with, so its int8 network cannot be rebuilt: " + String.join("; ", problems)
          + ". Restore them or run ./shardwire generate again.");
    }
  }

  private static Map<String, String> pictureHashesOrEmpty(Path folder) {
    try {
      return pictureHashes(folder);
    } catch (UserInputException e) {
      return Map.of(); // no pictures left: each recorded one is reported missing
    }
  }

  /** Where generate puts the copy of an ONNX model, relative to the output folder. */
  static String modelCopy(ModelOptions o) {
    return "model/" + o.onnx.getFileName();
  }

  /** Copies the ONNX model (if any) into a generated folder, at {@link #modelCopy}. */
  static void copyModel(ModelOptions o, Path dir) {
    if (o.onnx == null) {
      return;
    }
    Path copy = dir.resolve(modelCopy(o));
    try {
      Files.createDirectories(copy.getParent());
      Files.copy(o.onnx, copy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + o.onnx + " to " + copy, e);
    }
  }

  /** The options a generated folder was made with; a missing or bad file names itself. */
  static ModelOptions read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      throw new UserInputException(dir + " is not a generated cluster (no " + FILE + "): run ./shardwire generate --out "
          + dir + " first");
    }
    SourceFile s = SourceFile.read(file);
    ModelOptions o = new ModelOptions();
    o.model = s.model();
    o.onnx = s.onnx() == null ? null : onnxCopy(dir, file, s.onnx(), s.onnxSha256());
    o.inputSize = s.inputSize();
    o.seed = s.seed();
    o.calibration = s.calibration() == null ? null : Path.of(s.calibration());
    if (o.calibration != null) {
      checkPictures(file, o.calibration, s.calibrationSha256());
    }
    return o;
  }

  /** The folder's copy of the ONNX model (relative to the folder), checked against its recorded hash. */
  private static Path onnxCopy(Path dir, Path file, String recorded, String sha256) {
    Path model = dir.resolve(recorded);
    if (!Files.isRegularFile(model)) {
      throw new UserInputException(file + ": the model file " + model + " it names is missing (generate copies the "
          + "ONNX model into the folder; run ./shardwire generate again)");
    }
    if (!sha256.equals(sha256(model))) {
      throw new UserInputException(file + ": " + model + " is not the model this folder was generated from "
          + "(SHA-256 differs from onnx_sha256); run ./shardwire generate again");
    }
    return model;
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
