package org.shardwire.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where an output folder may go. Never the current folder or a folder above it, a repository
 * (or inside its {@code .git}), {@code /} or the home folder, whatever the flags; never an existing
 * file or symbolic link; an existing non-empty folder only when an earlier Shardwire run wrote it
 * (it holds {@link AtomicOutput#MARKER}) or with {@code --force}. Checked before any work starts,
 * so a refused run writes nothing.
 */
public final class OutputTarget {
  private OutputTarget() {}

  /**
   * @return the target as an absolute, normalized path
   * @throws IllegalArgumentException naming the option and why the target is refused
   */
  public static Path check(Path target, String option, boolean force) {
    String shown = target.toString().isEmpty() ? "\"\"" : target.toString();
    String what = option + " " + shown;
    Path absolute;
    try {
      absolute = target.toAbsolutePath().normalize();
    } catch (InvalidPathException | java.io.IOError e) {
      throw new IllegalArgumentException(what + ": not a usable path (" + e.getMessage() + ")");
    }
    Path real = realPath(absolute, what);
    if (real.getParent() == null) {
      throw new IllegalArgumentException(what + ": refusing to write to the file system root; name a new folder, "
          + "e.g. " + option + " rtl-out/mycluster");
    }
    Path home = realPath(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize(), what);
    if (real.equals(home)) {
      throw new IllegalArgumentException(what + ": refusing to replace your home folder; name a new folder inside it");
    }
    Path cwd = realPath(Path.of("").toAbsolutePath(), what);
    if (cwd.startsWith(real)) {
      throw new IllegalArgumentException(what + ": refusing to replace " + (cwd.equals(real) ? "the current folder"
          : "a folder that contains the current folder") + " (" + real + "); name a new folder, e.g. " + option
          + " rtl-out/mycluster");
    }
    for (Path p : real) {
      if (p.toString().equals(".git")) {
        throw new IllegalArgumentException(what + ": refusing to write inside a repository's .git folder");
      }
    }
    if (Files.exists(real.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(what + ": " + real + " is a repository (it has .git); refusing to replace it");
    }
    if (Files.isSymbolicLink(absolute)) {
      throw new IllegalArgumentException(what + ": is a symbolic link; name the folder itself");
    }
    if (Files.exists(real) && !Files.isDirectory(real)) {
      throw new IllegalArgumentException(what + ": is an existing file; a file is never replaced, name a folder");
    }
    if (Files.isDirectory(real) && !force && !isEmpty(real, what) && !Files.isRegularFile(real.resolve(AtomicOutput.MARKER))) {
      throw new IllegalArgumentException(what + ": the folder exists, is not empty and was not written by Shardwire "
          + "(no " + AtomicOutput.MARKER + " in it); name another folder, or add --force to replace it");
    }
    probeWritable(absolute.getParent(), what);
    return absolute;
  }

  /**
   * Creates and removes a folder where the staging folder will go, so a read-only place is
   * refused now rather than after minutes of work (file permission bits alone do not tell: root
   * ignores them, a read-only mount does not).
   */
  private static void probeWritable(Path parent, String what) {
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    Path probe = existing.resolve(".shardwire-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    try {
      Files.createDirectory(probe);
      Files.delete(probe);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": cannot create folders in " + existing + " ("
          + e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(
              java.util.Locale.ROOT) + "); choose a folder you can write to");
    }
  }

  /**
   * The real path of the longest existing prefix with the rest appended, so that symbolic links
   * and {@code ..} cannot hide the current folder; an ancestor that is a file is refused.
   */
  private static Path realPath(Path absolute, String what) {
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    if (!existing.equals(absolute) && !Files.isDirectory(existing)) {
      throw new IllegalArgumentException(what + ": " + existing + " is a file, so no folder can be made under it");
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + existing + ": " + e.getMessage(), e);
    }
  }

  private static boolean isEmpty(Path dir, String what) {
    try (var list = Files.list(dir)) {
      return list.findAny().isEmpty();
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": cannot read the folder (" + e.getMessage() + ")");
    }
  }
}
