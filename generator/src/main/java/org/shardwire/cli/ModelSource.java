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
final class ModelSource {
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
    o.onnx = json.get("onnx") == null ? null : Path.of((String) json.get("onnx"));
    o.inputSize = (String) json.get("input_size");
    Object seed = json.get("seed");
    if (!(seed instanceof BigDecimal)) {
      throw new UserInputException(file + ": field 'seed' must be a number");
    }
    o.seed = ((BigDecimal) seed).longValueExact();
    return o;
  }
}
