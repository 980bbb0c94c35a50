package org.shardwire.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.emit.board.BoardTop;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.StatusCounters;
import org.shardwire.templates.SimSupport;
import org.shardwire.templates.TemplateRenderer;

/**
 * The generated cluster harness of one cluster (the {@code sim/} folder of a generate output):
 * the cluster top, the C++ driver, the support headers, the board RTL files it compiles and the
 * boards' top modules in pipeline order. Written once at generation time; the simulator
 * ({@code sim.ClusterSimulator}) reads this record back and builds and runs the harness.
 */
public record ClusterHarness(Path dir, List<Path> rtl, List<Path> memoryInitFiles, List<String> boardTops) {
  static final String TOP = "cluster_top.v";
  static final String DRIVER = "cluster_driver.cpp";
  static final String FILES = "rtl_files.f";
  static final String INIT_FILES = "memory_files.f";
  static final String BOARDS = "boards.f";
  private static final long PROGRESS_INTERVAL = 200_000;

  public ClusterHarness {
    rtl = List.copyOf(rtl);
    memoryInitFiles = List.copyOf(memoryInitFiles);
    boardTops = List.copyOf(boardTops);
  }

  /** Boards in the cluster: one harness input image, one cut tensor per link, one score stream. */
  public int boards() {
    return boardTops.size();
  }

  /** Writes the harness for these boards (pipeline order) into {@code dir}. */
  public static ClusterHarness write(List<EmittedDesign> boards, String stamp, Path dir) {
    TemplateRenderer templates = new TemplateRenderer();
    ClusterView view = view(boards, stamp);
    List<Path> rtl = new ArrayList<>();
    List<Path> init = new ArrayList<>();
    List<String> tops = boards.stream().map(EmittedDesign::topModule).toList();
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
      Filelist.write(dir.resolve(FILES), List.of(), rtl);
      Filelist.write(dir.resolve(INIT_FILES), List.of(), init);
      Files.writeString(dir.resolve(BOARDS), String.join("\n", tops) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cluster harness to " + dir, e);
    }
    return new ClusterHarness(dir, rtl, init, tops);
  }

  /** Reads back a harness written by {@link #write} (paths in its lists are relative to it). */
  public static ClusterHarness read(Path dir) {
    try {
      List<Path> rtl = Filelist.read(dir.resolve(FILES));
      List<Path> init = Filelist.read(dir.resolve(INIT_FILES));
      List<String> tops = Files.readAllLines(dir.resolve(BOARDS), StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank()).toList();
      if (!Files.isRegularFile(dir.resolve(DRIVER)) || tops.isEmpty()) {
        throw new IOException(DRIVER + " missing or " + BOARDS + " empty");
      }
      return new ClusterHarness(dir, rtl, init, tops);
    } catch (IOException e) {
      throw new IllegalArgumentException("no cluster harness in " + dir + " (expected " + FILES + ", " + INIT_FILES
          + ", " + BOARDS + ", " + DRIVER + "): run ./shardwire generate first", e);
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

  private static ClusterView view(List<EmittedDesign> boards, String stamp) {
    List<ClusterView.BoardView> views = new ArrayList<>();
    List<String> declarations = new ArrayList<>();
    List<String> status = new ArrayList<>();
    List<ClusterView.CutView> cuts = new ArrayList<>();
    List<ClusterView.LinkView> links = new ArrayList<>();
    List<ClusterView.FifoView> fifos = new ArrayList<>();
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
        if (i == last && p.name().equals("m_axis_tdata")) {
          outputWidth = p.width();
        }
        if (i < last && p.name().equals("mon_tdata")) {
          cuts.add(new ClusterView.CutView(i, 3 + i, p.width()));
        }
      }
      for (String s : b.statusPorts()) {
        status.add("b" + i + "_" + s);
        String fifoCounter = StatusCounters.PORT_PREFIX + BoardTop.FULL_CYCLES;
        if (s.startsWith(fifoCounter)) {
          fifos.add(new ClusterView.FifoView(i, s.substring(fifoCounter.length()), "b" + i + "_" + s));
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
    return new ClusterView(stamp, views, declarations, cuts, links, status, fifos, outputWidth, 4, 256, PROGRESS_INTERVAL);
  }
}
