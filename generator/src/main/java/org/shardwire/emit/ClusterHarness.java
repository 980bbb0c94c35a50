package org.shardwire.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.templates.SimSupport;
import org.shardwire.templates.TemplateRenderer;

/**
 * The generated cluster harness of one cluster (the {@code sim/} folder of a generate output):
 * the cluster top, the C++ driver, the support headers and the list of board RTL files it
 * compiles. Written once at generation time; the simulator ({@code sim.ClusterSimulator}) builds and runs it.
 */
public record ClusterHarness(Path dir, List<Path> rtl, List<Path> memoryInitFiles, int boards) {
  static final String TOP = "cluster_top.v";
  static final String DRIVER = "cluster_driver.cpp";
  static final String FILES = "rtl_files.f";
  static final String INIT_FILES = "memory_files.f";
  private static final long PROGRESS_INTERVAL = 200_000;

  public ClusterHarness {
    rtl = List.copyOf(rtl);
    memoryInitFiles = List.copyOf(memoryInitFiles);
  }

  /** Writes the harness for these boards (pipeline order) into {@code dir}. */
  public static ClusterHarness write(List<EmittedDesign> boards, String stamp, Path dir) {
    TemplateRenderer templates = new TemplateRenderer();
    ClusterView view = view(boards, stamp);
    List<Path> rtl = new ArrayList<>();
    List<Path> init = new ArrayList<>();
    for (EmittedDesign b : boards) {
      rtl.addAll(b.verilogFiles());
      init.addAll(b.memoryInitFiles());
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(TOP), templates.render("verilator/cluster_top.v.vm", view));
      Files.writeString(dir.resolve(DRIVER), templates.render("verilator/cluster_driver.cpp.vm", view));
      for (String h : SimSupport.HEADERS) {
        Files.writeString(dir.resolve(h), SimSupport.header(h));
      }
      Files.write(dir.resolve(FILES), relative(dir, rtl), StandardCharsets.UTF_8);
      Files.write(dir.resolve(INIT_FILES), relative(dir, init), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cluster harness to " + dir, e);
    }
    return new ClusterHarness(dir, rtl, init, boards.size());
  }

  /** Reads back a harness written by {@link #write} (paths in its lists are relative to it). */
  public static ClusterHarness read(Path dir) {
    try {
      List<Path> rtl = absolute(dir, Files.readAllLines(dir.resolve(FILES)));
      List<Path> init = absolute(dir, Files.readAllLines(dir.resolve(INIT_FILES)));
      String driver = Files.readString(dir.resolve(DRIVER));
      int boards = (int) driver.lines().filter(l -> l.contains("check_beat(cut")).count() + 1;
      return new ClusterHarness(dir, rtl, init, boards);
    } catch (IOException e) {
      throw new IllegalArgumentException("no cluster harness in " + dir + " (expected " + FILES + ", " + DRIVER
          + "): run ./shardwire generate first", e);
    }
  }

  public EmittedDesign design() {
    List<Path> files = new ArrayList<>(rtl);
    files.add(dir.resolve(TOP));
    return new EmittedDesign("cluster_top", files, memoryInitFiles);
  }

  public String driver() {
    try {
      return Files.readString(dir.resolve(DRIVER));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> relative(Path dir, List<Path> files) {
    return files.stream().map(f -> dir.toAbsolutePath().relativize(f.toAbsolutePath()).toString()).toList();
  }

  private static List<Path> absolute(Path dir, List<String> lines) {
    return lines.stream().filter(l -> !l.isBlank()).map(l -> dir.resolve(l).normalize()).toList();
  }

  private static ClusterView view(List<EmittedDesign> boards, String stamp) {
    List<ClusterView.BoardView> views = new ArrayList<>();
    List<String> declarations = new ArrayList<>();
    List<String> status = new ArrayList<>();
    List<ClusterView.CutView> cuts = new ArrayList<>();
    List<ClusterView.LinkView> links = new ArrayList<>();
    int last = boards.size() - 1;
    int outputWidth = 0;
    for (int i = 0; i <= last; i++) {
      EmittedDesign b = boards.get(i);
      List<String> connections = new ArrayList<>();
      declarations.add("input  wire rst_b" + i);
      for (EmittedDesign.Port p : b.ports()) {
        if (p.name().equals("clk") || p.name().equals("rst")) {
          continue;
        }
        String outer = "b" + i + "_" + p.name();
        String range = p.width() > 1 ? "[" + (p.width() - 1) + ":0] " : "";
        declarations.add((p.input() ? "input  wire " : "output wire ") + range + outer);
        connections.add("." + p.name() + "(" + outer + ")");
        if (p.name().startsWith("stat_")) {
          status.add(outer);
        }
        if (i == last && p.name().equals("m_axis_tdata")) {
          outputWidth = p.width();
        }
        if (i < last && p.name().equals("mon_tdata")) {
          cuts.add(new ClusterView.CutView(i, 3 + i, p.width()));
        }
      }
      views.add(new ClusterView.BoardView(i, b.topModule(), connections));
      if (i < last) {
        links.add(new ClusterView.LinkView(i, i, i + 1, 2L * i + 1, 2L * i + 2));
      }
    }
    if (outputWidth == 0 || cuts.size() != last) {
      throw new IllegalArgumentException("cluster boards need m_axis (last board) and mon_* ports (the others)");
    }
    return new ClusterView(stamp, views, declarations, cuts, links, status, outputWidth, 4, 256, PROGRESS_INTERVAL);
  }
}
