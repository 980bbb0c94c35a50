package org.shardwire.emit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code checksums.sha256} of a generated folder: the SHA-256 of every file {@code generate} wrote
 * (relative paths) and of every input file it read (absolute paths, e.g. the ONNX model), in the
 * format of {@code sha256sum}, so {@code cd DIR && sha256sum -c checksums.sha256} checks it too.
 * {@code simulate} refuses a folder whose files or inputs changed since: a result from an edited
 * folder would blame the hardware for the edit. Files that {@code simulate} itself writes
 * ({@code sim.json}, {@code sim-board<K>.json}, {@code sim/run/}, and {@code report.html}, which it redraws with the
 * simulation section) are not recorded.
 */
public final class FolderChecksums {
  public static final String FILE = "checksums.sha256";

  private FolderChecksums() {}

  /** Records the files now in {@code dir} (but not the marker or this file) and the given inputs. */
  public static void write(Path dir, List<Path> inputs) {
    StringBuilder sb = new StringBuilder();
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!recorded(rel)) {
          continue;
        }
        sb.append(line(sha256(p), rel));
      }
      for (Path in : inputs) {
        sb.append(line(sha256(in), in.toAbsolutePath().normalize().toString()));
      }
      Files.writeString(dir.resolve(FILE), sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record checksums in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * What changed since {@link #write}: one line per missing or changed file, empty when the folder
   * is as written.
   */
  public static List<String> verify(Path dir) {
    Path file = dir.resolve(FILE);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of(FILE + " is missing (the folder was not written by this version of ./shardwire generate, or "
          + "the file was deleted)");
    } catch (IOException e) {
      return List.of("cannot read " + file + ": " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    for (String l : lines) {
      boolean escaped = l.startsWith("\\");
      String body = escaped ? l.substring(1) : l;
      int sep = body.indexOf("  ");
      if (sep != 64) {
        problems.add(FILE + ": malformed line '" + l + "'");
        continue;
      }
      String expected = body.substring(0, 64);
      String name = escaped ? unescape(body.substring(66)) : body.substring(66);
      Path p = Path.of(name).isAbsolute() ? Path.of(name) : dir.resolve(name);
      if (!Files.isRegularFile(p)) {
        problems.add(name + " is missing");
        continue;
      }
      try {
        if (!sha256(p).equals(expected)) {
          problems.add(name + " changed since generate");
        }
      } catch (IOException e) {
        problems.add("cannot read " + name + ": " + e.getMessage());
      }
    }
    return problems;
  }

  private static boolean recorded(String rel) {
    return !rel.equals(FILE) && !rel.equals(AtomicOutput.MARKER) && !rel.equals("sim.json")
        && !rel.matches("sim-board\\d+\\.json") && !rel.equals("report.html") && !rel.startsWith("sim/run/");
  }

  /** sha256sum's line: names with a newline or backslash are escaped and the line starts with '\'. */
  private static String line(String hex, String name) {
    if (name.indexOf('\n') < 0 && name.indexOf('\\') < 0 && name.indexOf('\r') < 0) {
      return hex + "  " + name + "\n";
    }
    return "\\" + hex + "  " + name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + "\n";
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String sha256(Path p) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(p)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
