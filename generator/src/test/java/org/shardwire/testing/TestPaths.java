package org.shardwire.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shardwire.emit.AtomicOutput;

/** Where tests put their files: all under generator/target, so `mvn clean` removes them. */
public final class TestPaths {
  private TestPaths() {}

  public static Path repoRoot() {
    return Path.of(System.getProperty("shardwire.repoRoot", "..")).toAbsolutePath().normalize();
  }

  public static Path target() {
    return repoRoot().resolve("generator/target");
  }

  /** Verilator builds, shared by all tests and kept between runs of `mvn verify`. */
  public static Path verilatorCache() {
    return target().resolve("verilator-cache");
  }

  /**
   * A fresh, empty folder for one test case, under this test JVM's own scratch folder (surefire
   * runs two JVMs at once and names each one's folder; a test run outside surefire uses
   * target/test-runs).
   */
  public static Path freshDir(String name) {
    String runs = System.getProperty("shardwire.testRuns", "");
    Path dir = (runs.isEmpty() ? target().resolve("test-runs") : Path.of(runs)).resolve(name);
    try {
      AtomicOutput.deleteTree(dir);
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
