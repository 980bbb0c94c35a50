package org.shardwire.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Consumer;

/**
 * Writes an output folder all at once: everything goes to a temporary sibling folder, which
 * replaces the target only when complete. A failure leaves the previous output (or nothing).
 */
public final class AtomicOutput {
  private AtomicOutput() {}

  public static void write(Path target, Consumer<Path> writer) {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Path staging = null;
    try {
      Files.createDirectories(parent);
      staging = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".partial-");
      writer.accept(staging);
      Path old = null;
      if (Files.exists(absolute)) {
        old = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".old-");
        Files.delete(old);
        move(absolute, old);
      }
      move(staging, absolute);
      staging = null;
      if (old != null) {
        deleteTree(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write output folder " + absolute + ": " + e.getMessage(), e);
    } finally {
      if (staging != null) {
        try {
          deleteTree(staging);
        } catch (IOException ignored) {
          // the original failure is the one to report
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
