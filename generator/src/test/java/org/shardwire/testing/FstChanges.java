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
 * What an FST file holds beyond its header, read by a small C program (test resource
 * fst/fst_changes.c) built against the FST reader that Verilator ships in its include folder:
 * no GTKWave needed, and it fails (never skips) when Verilator or a C compiler is missing.
 *
 * @param changes value changes after the first dumped time (the initial values left out)
 * @param times distinct times after the first with at least one change
 * @param wide changes of multi-bit signals (data, not just the clock) after the first time
 */
public record FstChanges(long start, long end, long vars, long changes, long times, long wide) {
  private static final Path INCLUDE = Path.of("/usr/share/verilator/include/gtkwave");
  private static Path tool;

  public static synchronized FstChanges read(Path fst) throws IOException, InterruptedException {
    String[] words = run(List.of(tool().toString(), fst.toString())).strip().split(" ");
    Map<String, Long> v = new HashMap<>();
    for (String w : words) {
      String[] kv = w.split("=");
      v.put(kv[0], Long.parseLong(kv[1]));
    }
    return new FstChanges(v.get("start"), v.get("end"), v.get("vars"), v.get("changes"), v.get("times"), v.get("wide"));
  }

  private static Path tool() throws IOException, InterruptedException {
    if (tool != null) {
      return tool;
    }
    if (!Files.isRegularFile(INCLUDE.resolve("fstapi.c"))) {
      throw new IllegalStateException("Verilator's FST reader is missing (" + INCLUDE + "/fstapi.c): install Verilator");
    }
    Path dir = TestPaths.freshDir("fst-changes-tool");
    Path src = dir.resolve("fst_changes.c");
    try (InputStream in = FstChanges.class.getResourceAsStream("/fst/fst_changes.c")) {
      Files.copy(in, src);
    }
    Files.writeString(dir.resolve("config.h"), "/* fstapi.c includes it; nothing to configure */\n");
    Path exe = dir.resolve("fst_changes");
    List<String> cmd = new ArrayList<>(List.of("cc", "-O1", "-w", "-I" + dir, "-I" + INCLUDE, src.toString()));
    for (String c : List.of("fstapi.c", "fastlz.c", "lz4.c")) {
      cmd.add(INCLUDE.resolve(c).toString());
    }
    cmd.addAll(List.of("-lz", "-lpthread", "-o", exe.toString()));
    run(cmd);
    tool = exe;
    return tool;
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
    }
    return out;
  }
}
