package org.shardwire.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.testing.TestPaths;

/** Output folders: marker, --force, no leftovers, stale staging folders cleaned, the user's umask. */
class AtomicOutputTest {

  private static void writeOne(Path dir, String text) {
    try {
      Files.createDirectories(dir.resolve("sub"));
      Files.writeString(dir.resolve("sub/file.txt"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void replacesItsOwnOutputButNotSomeoneElsesFolderUnlessForced() throws IOException {
    Path root = TestPaths.freshDir("atomic/replace");
    Path out = root.resolve("out");
    AtomicOutput.write(out, d -> writeOne(d, "one"));
    assertTrue(Files.isRegularFile(out.resolve(AtomicOutput.MARKER)));
    AtomicOutput.write(out, d -> writeOne(d, "two"));
    assertEquals("two", Files.readString(out.resolve("sub/file.txt")));

    Path theirs = root.resolve("theirs");
    Files.createDirectories(theirs);
    Files.writeString(theirs.resolve("thesis.tex"), "years of work");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AtomicOutput.write(theirs, d -> writeOne(d, "x")));
    assertTrue(e.getMessage().contains("--force"), e.getMessage());
    assertEquals("years of work", Files.readString(theirs.resolve("thesis.tex")));
    AtomicOutput.write(theirs, "--out", true, d -> writeOne(d, "x"));
    assertFalse(Files.exists(theirs.resolve("thesis.tex")), "--force replaces it");
    assertEquals(List.of("out", "theirs"), names(root), "no staging or old folders left");
  }

  @Test
  void aFailedWriteLeavesNothingNotEvenTheParentsItMade() {
    Path root = TestPaths.freshDir("atomic/fail");
    Path out = root.resolve("a/b/out");
    assertThrows(IllegalStateException.class, () -> AtomicOutput.write(out, d -> {
      writeOne(d, "half");
      throw new IllegalStateException("emitter failed");
    }));
    assertEquals(List.of(), names(root));
  }

  @Test
  void aLaterRunRemovesTheStagingFoldersOfKilledRunsButNotOfLiveOnes() throws IOException {
    Path root = TestPaths.freshDir("atomic/stale");
    long dead = deadPid();
    long live = ProcessHandle.current().parent().orElseThrow().pid();
    Files.createDirectories(root.resolve(".out.partial-" + dead + "-abc/board0"));
    Files.createDirectories(root.resolve(".out.old-" + dead + "-def"));
    Files.createDirectories(root.resolve(".out.partial-1234567890123")); // the older naming, no pid
    Files.createDirectories(root.resolve(".out.partial-" + live + "-xyz"));
    Files.createDirectories(root.resolve(".other.partial-" + dead + "-abc"));
    AtomicOutput.write(root.resolve("out"), d -> writeOne(d, "x"));
    assertEquals(List.of(".other.partial-" + dead + "-abc", ".out.partial-" + live + "-xyz", "out"), names(root));
  }

  @Test
  void filesAndFoldersGetTheUmaskNotTheTempFolderMode() throws IOException {
    Path root = TestPaths.freshDir("atomic/umask");
    Path out = root.resolve("out");
    AtomicOutput.write(out, d -> writeOne(d, "x"));
    // What this process's umask gives a plain new folder and file, e.g. rwxr-xr-x and rw-r--r-- for 022.
    Path refDir = Files.createDirectory(root.resolve("ref"));
    Path refFile = Files.writeString(root.resolve("ref.txt"), "x");
    String dirMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(refDir));
    String fileMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(refFile));
    assertEquals(dirMode, PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    assertEquals(dirMode, PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("sub"))));
    assertEquals(fileMode, PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("sub/file.txt"))));
    assertEquals(fileMode, PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(AtomicOutput.MARKER))));
  }

  @Test
  void refusesFilesLinksRootHomeAndTheWorkingFolder() throws IOException {
    Path root = TestPaths.freshDir("atomic/refuse");
    Files.writeString(root.resolve("f"), "x");
    assertRefused(root.resolve("f"), "is an existing file");
    assertRefused(root.resolve("f/sub"), "is a file");
    assertRefused(Path.of("/"), "file system root");
    assertRefused(Path.of(System.getProperty("user.home")), "home folder");
    assertRefused(Path.of(""), "the current folder");
    assertRefused(Path.of("."), "the current folder");
    assertRefused(Path.of(".."), "contains the current folder");
    assertRefused(Path.of("sub/../.."), "contains the current folder");
    Files.createSymbolicLink(root.resolve("here"), Path.of("").toAbsolutePath());
    assertRefused(root.resolve("here"), "the current folder");
    assertEquals("x", Files.readString(root.resolve("f")));
  }

  private static void assertRefused(Path target, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutputTarget.check(target, "--out", true), target.toString());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static long deadPid() {
    for (long pid = 4_000_000; ; pid++) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
  }

  private static List<String> names(Path dir) {
    try (var l = Files.list(dir)) {
      return l.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
