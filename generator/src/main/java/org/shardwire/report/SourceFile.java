package org.shardwire.report;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * source.json of a generated cluster: the model options it was generated from, so that
 * {@code simulate} rebuilds exactly the same int8 network (the zoo is seeded). {@code model} or
 * {@code onnx} names the network (the other is null); {@code onnx} is the folder's own copy of the
 * model, relative to the folder, and {@code onnx_sha256} its hash (null with {@code model});
 * {@code input_size} is null for the model's own; {@code calibration} is the folder of
 * calibration pictures (docs/images.md), null for seeded images, and {@code calibration_sha256}
 * the SHA-256 of each of its pictures by file name (null with no calibration), so a changed,
 * added or removed picture is caught before it changes the int8 network. Schema 2: onnx became
 * relative, with its hash; 3: calibration; 4: calibration_sha256.
 */
public record SourceFile(int schemaVersion, String model, String onnx, String onnxSha256, String inputSize, long seed,
    String calibration, Map<String, String> calibrationSha256) {
  public static final int SCHEMA_VERSION = 4;
  public static final String FILE = "source.json";

  public SourceFile {
    if ((model == null) == (onnx == null)) {
      throw new IllegalArgumentException("exactly one of 'model' and 'onnx' must be set");
    }
    if ((onnx == null) != (onnxSha256 == null)) {
      throw new IllegalArgumentException("'onnx_sha256' goes with 'onnx', and only with it");
    }
    if ((calibration == null) != (calibrationSha256 == null)) {
      throw new IllegalArgumentException("'calibration_sha256' goes with 'calibration', and only with it");
    }
    calibrationSha256 = calibrationSha256 == null ? null : java.util.Collections.unmodifiableMap(
        new TreeMap<>(calibrationSha256)); // sorted by name: the same pictures give the same file
  }

  public SourceFile(String model, String onnx, String onnxSha256, String inputSize, long seed) {
    this(SCHEMA_VERSION, model, onnx, onnxSha256, inputSize, seed, null, null);
  }

  public SourceFile(String model, String onnx, String onnxSha256, String inputSize, long seed, String calibration,
      Map<String, String> calibrationSha256) {
    this(SCHEMA_VERSION, model, onnx, onnxSha256, inputSize, seed, calibration, calibrationSha256);
  }

  /** Reads a source.json; errors name the file and the key (exit 2). */
  public static SourceFile read(Path file) {
    SourceFile s = JsonFiles.read(file, SourceFile.class);
    if (s.schemaVersion() != SCHEMA_VERSION) {
      throw new JsonFileException(file + ": schema_version " + s.schemaVersion() + " is not supported (this "
          + "Shardwire reads " + SCHEMA_VERSION + "): generate it again");
    }
    return s;
  }
}
