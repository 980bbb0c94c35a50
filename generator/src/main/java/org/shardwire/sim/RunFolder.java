package org.shardwire.sim;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.shardwire.golden.VectorFile;

/** What a simulation run's folder holds before the executable starts: memory images and vector files. */
final class RunFolder {
  private RunFolder() {}

  /** {@code $readmem} paths in the RTL are relative to the working folder: the images go there. */
  static void copyMemoryInitFiles(List<Path> files, Path runDir) throws IOException {
    for (Path f : files) {
      Files.copy(f, runDir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Writes one vector file into the run folder and returns its absolute path (a driver argument). */
  static String writeVectors(Path runDir, String file, List<List<BigInteger>> beats) {
    if (beats == null) {
      throw new IllegalArgumentException("no vectors given for " + file);
    }
    Path p = runDir.resolve(file);
    VectorFile.write(p, beats);
    return p.toAbsolutePath().toString();
  }
}
