package org.shardwire.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.shardwire.report.SourceFile;

/**
 * {@code source.json} of a generated cluster ({@link SourceFile}) to and from the model options,
 * so that {@code simulate} rebuilds exactly the same int8 network.
 */
final class ModelSource {
  static final String FILE = SourceFile.FILE;

  private ModelSource() {}

  static SourceFile of(ModelOptions o) {
    return new SourceFile(o.model, o.onnx == null ? null : o.onnx.toAbsolutePath().toString(), o.inputSize, o.seed,
        o.calibration == null ? null : o.calibration.toAbsolutePath().toString());
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
    o.onnx = s.onnx() == null ? null : Path.of(s.onnx());
    o.inputSize = s.inputSize();
    o.seed = s.seed();
    o.calibration = s.calibration() == null ? null : Path.of(s.calibration());
    return o;
  }
}
