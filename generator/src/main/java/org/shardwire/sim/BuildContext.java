package org.shardwire.sim;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a simulation build needs from its surroundings, passed explicitly (no global state):
 * the Verilator executable, where builds are cached, where runs write their files, and the seed
 * of every random choice (back-pressure patterns).
 */
public record BuildContext(Path verilator, Path cacheDir, Path workDir, long seed) {

  /** Finds {@code verilator} on the PATH; fails (never skips) when it is not installed. */
  public static BuildContext detect(Path cacheDir, Path workDir, long seed) {
    return new BuildContext(findOnPath("verilator"), cacheDir, workDir, seed);
  }

  static Path findOnPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new ToolMissingException(tool + " is not installed (not on PATH). ./shardwire test installs it; "
        + "or: sudo apt-get install -y " + tool);
  }

  public BuildContext withWorkDir(Path dir) {
    return new BuildContext(verilator, cacheDir, dir, seed);
  }
}
