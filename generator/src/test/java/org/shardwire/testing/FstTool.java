package org.shardwire.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The small C programs (test resources {@code fst/<name>.c}) that read FST files with the FST
 * reader Verilator ships in its include folder: no GTKWave needed, and they fail (never skip)
 * when Verilator or a C compiler is missing. Each is built once per test JVM.
 */
final class FstTool {
  private static final Path INCLUDE = Path.of("/usr/share/verilator/include/gtkwave");
  private static final Map<String, Path> BUILT = new HashMap<>();

  private FstTool() {}

  /** The executable of test resource {@code fst/<name>.c}, built on first use. */
  static synchronized Path of(String name) throws IOException, InterruptedException {
    Path built = BUILT.get(name);
    if (built != null) {
      return built;
    }
    if (!Files.isRegularFile(INCLUDE.resolve("fstapi.c"))) {
      throw new IllegalStateException("Verilator's FST reader is missing (" + INCLUDE + "/fstapi.c): install Verilator");
    }
    Path dir = TestPaths.freshDir("fst-tool-" + name);
    Path src = dir.resolve(name + ".c");
    try (InputStream in = FstTool.class.getResourceAsStream("/fst/" + name + ".c")) {
      Files.copy(in, src);
    }
    Files.writeString(dir.resolve("config.h"), "/* fstapi.c includes it; nothing to configure */\n");
    Path exe = dir.resolve(name);
    List<String> cmd = new ArrayList<>(List.of("cc", "-O1", "-w", "-I" + dir, "-I" + INCLUDE, src.toString()));
    for (String c : List.of("fstapi.c", "fastlz.c", "lz4.c")) {
      cmd.add(INCLUDE.resolve(c).toString());
    }
    cmd.addAll(List.of("-lz", "-lpthread", "-o", exe.toString()));
    run(cmd);
    BUILT.put(name, exe);
    return exe;
  }

  /** Runs {@code cmd} and returns its output; throws when it fails or takes over two minutes. */
  static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
    }
    return out;
  }
}
