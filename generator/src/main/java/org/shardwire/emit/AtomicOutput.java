package org.shardwire.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Writes an output folder all at once: everything goes to a temporary sibling folder
 * ({@code .NAME.partial-PID-N}), which replaces the target only when complete. A failure leaves the
 * previous output (or nothing, not even a parent folder it created); a run that was killed leaves a
 * staging folder that the next run beside it removes. {@link OutputTarget} decides first whether the
 * target may be written at all. Folders and files are created without explicit permissions, so
 * they get the user's umask (0755/0644 by default), never the 0700 of a temp directory.
 */
public final class AtomicOutput {
  /** Every Shardwire output folder carries this file; only such a folder is replaced without --force. */
  public static final String MARKER = ".shardwire-output";

  private AtomicOutput() {}

  /** Writes {@code target} when it is a safe place that holds nothing but an earlier Shardwire output. */
  public static void write(Path target, Consumer<Path> writer) {
    write(target, "--out", false, writer);
  }

  /**
   * @param option how the user named the target ({@code --out}), for messages
   * @param force replace an existing non-empty folder that is not a Shardwire output
   * @throws IllegalArgumentException when the target may not be written (bad input)
   * @throws UncheckedIOException when the file system refuses a write
   */
  public static void write(Path target, String option, boolean force, Consumer<Path> writer) {
    Path absolute = OutputTarget.check(target, option, force);
    Path parent = absolute.getParent();
    Path firstCreated = firstMissing(parent);
    Path staging = null;
    boolean done = false;
    try {
      Files.createDirectories(parent);
      removeStale(parent, absolute.getFileName().toString());
      staging = createSibling(parent, absolute.getFileName() + ".partial-");
      writer.accept(staging);
      Files.writeString(staging.resolve(MARKER), "Written by Shardwire " + org.shardwire.hdl.GeneratorStamp.version()
          + ". A later run may replace this folder; remove this file to keep it.\n", StandardCharsets.UTF_8);
      Path old = null;
      if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
        old = parent.resolve("." + absolute.getFileName() + ".old-" + ProcessHandle.current().pid() + "-"
            + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
        move(absolute, old);
      }
      move(staging, absolute);
      staging = null;
      if (old != null) {
        deleteTree(old);
      }
      done = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write output folder " + absolute + ": " + describe(e), e);
    } finally {
      quietlyDelete(staging);
      if (!done && firstCreated != null) {
        quietlyDelete(firstCreated);
      }
    }
  }

  /** A new, empty folder {@code .PREFIX<pid>-<random>} beside the target, with the user's umask. */
  private static Path createSibling(Path parent, String prefix) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path p = parent.resolve("." + prefix + ProcessHandle.current().pid() + "-"
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
      try {
        return Files.createDirectory(p);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 10) {
          throw e;
        }
      }
    }
  }

  /**
   * Removes staging and old folders of this target left by runs that were killed: those whose
   * process id is no longer alive (a concurrent run's folder is kept).
   */
  static void removeStale(Path parent, String name) throws IOException {
    List<Path> stale = new ArrayList<>();
    try (var list = Files.list(parent)) {
      for (Path p : list.toList()) {
        String f = p.getFileName().toString();
        for (String kind : new String[] {".partial-", ".old-"}) {
          String prefix = "." + name + kind;
          if (f.startsWith(prefix) && !alive(f.substring(prefix.length()))) {
            stale.add(p);
          }
        }
      }
    }
    for (Path p : stale) {
      deleteTree(p);
    }
  }

  private static boolean alive(String suffix) {
    int dash = suffix.indexOf('-');
    try {
      long pid = Long.parseLong(dash < 0 ? suffix : suffix.substring(0, dash));
      return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The outermost folder of {@code dir} that does not exist yet (created by this run), or null. */
  private static Path firstMissing(Path dir) {
    Path first = null;
    for (Path p = dir; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
      first = p;
    }
    return first;
  }

  private static String describe(IOException e) {
    String what = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
        .toLowerCase(java.util.Locale.ROOT);
    return e.getMessage() == null ? what : what + " (" + e.getMessage() + ")";
  }

  private static void quietlyDelete(Path p) {
    if (p == null) {
      return;
    }
    try {
      deleteTree(p);
    } catch (IOException ignored) {
      // the original failure is the one to report; the next run removes what is left
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Deletes a folder tree (or a file); symbolic links are removed, never followed. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
