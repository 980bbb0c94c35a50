package org.shardwire.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.shardwire.report.JsonParser;
import org.shardwire.report.JsonText;

/**
 * {@code source.json} of a generated cluster: the model options it was generated from, so that
 * {@code simulate} rebuilds exactly the same int8 network (the zoo is seeded). An ONNX model is
 * copied into the folder ({@code model/<file>.onnx}, its name kept because it names the graph)
 * and recorded relative to the folder with its SHA-256, so a moved or copied folder still
 * simulates and a replaced file is caught.
 */
final class ModelSource {
  static final String FILE = "source.json";

  private ModelSource() {}

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

  static String toJson(ModelOptions o) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("  \"model\": ").append(o.model == null ? "null" : JsonText.str(o.model)).append(",\n");
    sb.append("  \"onnx\": ").append(o.onnx == null ? "null" : JsonText.str(modelCopy(o))).append(",\n");
    if (o.onnx != null) {
      sb.append("  \"onnx_sha256\": ").append(JsonText.str(sha256(o.onnx))).append(",\n");
    }
    sb.append("  \"input_size\": ").append(o.inputSize == null ? "null" : JsonText.str(o.inputSize)).append(",\n");
    sb.append("  \"seed\": ").append(o.seed).append("\n}\n");
    return sb.toString();
  }

  /** The options a generated folder was made with; a missing or bad file names itself. */
  @SuppressWarnings("unchecked")
  static ModelOptions read(Path dir) {
    Path file = dir.resolve(FILE);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserInputException(dir + " is not a generated cluster (no " + FILE + "): run ./shardwire generate --out "
          + dir + " first");
    } catch (IOException e) {
      throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
    Map<String, Object> json;
    try {
      json = (Map<String, Object>) JsonParser.parse(file.toString(), text);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new UserInputException(file + ": " + e.getMessage(), e);
    }
    ModelOptions o = new ModelOptions();
    o.model = (String) json.get("model");
    if (json.get("onnx") != null) {
      o.onnx = onnxCopy(dir, file, (String) json.get("onnx"), (String) json.get("onnx_sha256"));
    }
    o.inputSize = (String) json.get("input_size");
    Object seed = json.get("seed");
    if (!(seed instanceof BigDecimal)) {
      throw new UserInputException(file + ": field 'seed' must be a number");
    }
    o.seed = ((BigDecimal) seed).longValueExact();
    return o;
  }

  /** The folder's copy of the ONNX model (relative to the folder), checked against its recorded hash. */
  private static Path onnxCopy(Path dir, Path file, String recorded, String sha256) {
    Path model = dir.resolve(recorded);
    if (!Files.isRegularFile(model)) {
      throw new UserInputException(file + ": the model file " + model + " it names is missing (generate copies the "
          + "ONNX model into the folder; run ./shardwire generate again)");
    }
    if (sha256 != null && !sha256.equals(sha256(model))) {
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
