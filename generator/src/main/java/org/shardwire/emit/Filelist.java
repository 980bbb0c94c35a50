package org.shardwire.emit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.shardwire.hdl.EmittedDesign;

/**
 * A file list ({@code .f}): comment lines ({@code //}), then one file per line relative to the
 * list's folder, in order. A design's {@code rtl/filelist.f} lists its Verilog in compile order
 * (children first) after the stamp and the memory-initialisation files the RTL reads; the
 * cluster harness lists the boards' RTL and memory files the same way.
 */
public final class Filelist {
  public static final String NAME = "filelist.f";
  private static final String COMMENT = "//";

  private Filelist() {}

  public static void write(Path list, List<String> comments, Collection<Path> files) throws IOException {
    Path base = list.toAbsolutePath().getParent();
    List<String> lines = new ArrayList<>();
    for (String c : comments) {
      lines.add(COMMENT + " " + c);
    }
    for (Path f : files) {
      lines.add(base.relativize(f.toAbsolutePath()).toString());
    }
    StringBuilder text = new StringBuilder();
    for (String l : lines) {
      text.append(l).append('\n');
    }
    Files.writeString(list, text, StandardCharsets.UTF_8);
  }

  /** The files a list names, resolved against its folder, in order. */
  public static List<Path> read(Path list) throws IOException {
    Path base = list.toAbsolutePath().getParent();
    return Files.readAllLines(list, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith(COMMENT)).map(l -> base.resolve(l).normalize()).toList();
  }

  /** A design's {@code rtl/filelist.f}. */
  public static void writeDesign(Path rtl, String stamp, Collection<Path> verilog, Collection<Path> memoryInitFiles)
      throws IOException {
    List<String> comments = new ArrayList<>(List.of(stamp));
    for (Path p : memoryInitFiles) {
      comments.add("memory init read at simulation/synthesis time: rtl/" + p.getFileName());
    }
    write(rtl.resolve(NAME), comments, verilog);
  }

  /** The design an {@code rtl/filelist.f} lists, with top module {@code top} (e.g. to lint it). */
  public static EmittedDesign readDesign(Path rtl, String top) throws IOException {
    return new EmittedDesign(top, read(rtl.resolve(NAME)), List.of());
  }
}
