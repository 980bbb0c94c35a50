package org.shardwire.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.emit.AtomicOutput;

/**
 * Verilator's run-time library (verilated.cpp, verilated_threads.cpp and, in a traced build, the
 * FST writer) compiled once per cache and build flags, then linked into every later build instead
 * of being compiled again. Verilator's make compiles these files into every model although they
 * do not depend on the design, only on the flags (the VM_TRACE defines, OPT_GLOBAL) and the
 * Verilator version, which the key covers: 6.7 s of g++ in each build, more than half of a small
 * block's build (the shufflenet-tiny stem conv engine: 12.4 s CPU, 4.5 s with the library kept;
 * bench/RESULTS.md, "Default suite time").
 */
final class VerilatorRuntime {
  /** The kept objects' names, one a line (without .o), in the order Verilator listed them. */
  private static final String MANIFEST = "objects.txt";
  /** The FST writer's object in a traced build's library. */
  private static final String FST_WRITER = "verilated_fst_c";
  private final Path dir;

  private VerilatorRuntime(Path dir) {
    this.dir = dir;
  }

  /** The library kept in {@code cacheDir} for builds whose flags and Verilator version hash to {@code key}. */
  static VerilatorRuntime in(Path cacheDir, String key) {
    return new VerilatorRuntime(cacheDir.resolve("verilator-runtime-" + key));
  }

  /**
   * Verilator arguments that link the kept objects and compile none of the library (make's
   * VM_GLOBAL_* lists emptied on its command line); none when nothing is kept yet.
   */
  List<String> linkArgs() {
    List<String> names;
    try {
      names = Files.readAllLines(dir.resolve(MANIFEST), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of(); // none kept (or unreadable): compile the library as Verilator would
    }
    List<String> args = new ArrayList<>(List.of("-MAKEFLAGS", "VM_GLOBAL_FAST=", "-MAKEFLAGS", "VM_GLOBAL_SLOW="));
    for (String n : names) {
      Path o = dir.resolve(n + ".o");
      if (!Files.isRegularFile(o)) {
        return List.of(); // a file of it was removed by hand: compile the library again
      }
      args.addAll(List.of("-LDFLAGS", o.toAbsolutePath().toString()));
    }
    if (names.contains(FST_WRITER)) {
      // The FST writer compresses with zlib. Verilator's make puts its -lz before these objects,
      // and the linker resolves left to right, so a traced build linking the kept writer names
      // zlib again after it (else: undefined compress2, gzdopen, ...).
      args.addAll(List.of("-LDFLAGS", "-lz"));
    }
    return names.isEmpty() ? List.of() : List.copyOf(args);
  }

  /**
   * After a build that compiled the library itself ({@code objDir}, its make prefix
   * {@code prefix}): keeps those objects for the next builds. Moved into place whole, so a
   * reader never sees half of them; a second build keeping the same library concurrently loses
   * the race harmlessly.
   */
  void keep(Path objDir, String prefix) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    List<String> names = globalObjects(Files.readString(objDir.resolve(prefix + "_classes.mk"),
        StandardCharsets.UTF_8));
    if (names.isEmpty()) {
      return;
    }
    Path tmp = Files.createTempDirectory(dir.getParent(), "runtime-");
    for (String n : names) {
      Path o = objDir.resolve(n + ".o");
      if (!Files.isRegularFile(o)) {
        AtomicOutput.deleteTree(tmp);
        return;
      }
      Files.copy(o, tmp.resolve(n + ".o"));
    }
    Files.write(tmp.resolve(MANIFEST), names, StandardCharsets.UTF_8);
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
      AtomicOutput.deleteTree(tmp);
    }
  }

  /** The run-time library's files a generated {@code *_classes.mk} lists (VM_GLOBAL_FAST and VM_GLOBAL_SLOW). */
  static List<String> globalObjects(String classesMk) {
    List<String> names = new ArrayList<>();
    boolean inList = false;
    for (String line : classesMk.lines().toList()) {
      if (line.startsWith("VM_GLOBAL_FAST +=") || line.startsWith("VM_GLOBAL_SLOW +=")) {
        inList = line.endsWith("\\");
        continue;
      }
      if (inList) {
        String name = line.replace("\\", "").trim();
        if (!name.isEmpty()) {
          names.add(name);
        }
        inList = line.endsWith("\\");
      }
    }
    return names;
  }
}
