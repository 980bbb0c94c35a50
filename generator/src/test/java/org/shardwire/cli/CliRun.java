package org.shardwire.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** One in-process run of the CLI ({@link Main#run}) with its exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

  static synchronized CliRun of(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args);
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** stdout then stderr, as a user's terminal would show them. */
  String all() {
    return out + err;
  }

  /** The first escape character (colour codes and the like) in {@code text}, or -1. */
  static int escapeAt(String text) {
    return text.indexOf('\u001B');
  }

  /** Every file, folder and link under {@code root} with its size and modification time, to see what a run changed. */
  static Map<String, String> snapshot(Path root) {
    Map<String, String> m = new TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String kind = Files.isSymbolicLink(p) ? "link" : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
            : Files.size(p) + " bytes " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
        m.put(root.relativize(p).toString(), kind);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }
}
