package org.shardwire.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.shardwire.report.JsonParser;
import org.shardwire.report.JsonText;

/**
 * {@code source.json} of a generated cluster: the model options it was generated from, so that
 * {@code simulate} rebuilds exactly the same int8 network (the zoo is seeded; an ONNX file is
 * named by path and checked by size).
 */
public final class ModelSource {
  static final String FILE = "source.json";

  private ModelSource() {}

  static String toJson(ModelOptions o) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("  \"model\": ").append(o.model == null ? "null" : JsonText.str(o.model)).append(",\n");
    sb.append("  \"onnx\": ").append(o.onnx == null ? "null" : JsonText.str(o.onnx.toAbsolutePath().toString()))
        .append(",\n");
    sb.append("  \"input_size\": ").append(o.inputSize == null ? "null" : JsonText.str(o.inputSize)).append(",\n");
    sb.append("  \"seed\": ").append(o.seed).append("\n}\n");
    return sb.toString();
  }

  private static String string(Path file, Map<String, Object> json, String field) {
    Object v = json.get(field);
    if (v != null && !(v instanceof String)) {
      throw new UserInputException(file + ": field '" + field + "' must be a string or null");
    }
    return (String) v;
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
    return parse(file, text);
  }

  /** The options in a source.json's text; anything malformed is a {@link UserInputException} naming the field. */
  @SuppressWarnings("unchecked")
  public static ModelOptions parse(Path file, String text) {
    Map<String, Object> json;
    try {
      Object parsed = JsonParser.parse(file.toString(), text);
      if (!(parsed instanceof Map)) {
        throw new UserInputException(file + ": expected a JSON object with model, onnx, input_size and seed");
      }
      json = (Map<String, Object>) parsed;
    } catch (IllegalArgumentException e) {
      throw new UserInputException(file + ": " + e.getMessage(), e);
    }
    ModelOptions o = new ModelOptions();
    o.model = string(file, json, "model");
    String onnx = string(file, json, "onnx");
    try {
      o.onnx = onnx == null ? null : Path.of(onnx);
    } catch (java.nio.file.InvalidPathException e) {
      throw new UserInputException(file + ": field 'onnx' is not a usable path: " + e.getMessage(), e);
    }
    o.inputSize = string(file, json, "input_size");
    Object seed = json.get("seed");
    if (!(seed instanceof BigDecimal)) {
      throw new UserInputException(file + ": field 'seed' must be a whole number");
    }
    try {
      o.seed = ((BigDecimal) seed).longValueExact();
    } catch (ArithmeticException e) {
      throw new UserInputException(file + ": field 'seed' must be a whole number in the 64-bit range, got " + seed, e);
    }
    return o;
  }
}
