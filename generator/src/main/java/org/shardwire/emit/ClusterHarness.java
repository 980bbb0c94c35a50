package org.shardwire.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.emit.board.BoardTop;
import org.shardwire.emit.board.BoardTopConfig;
import org.shardwire.emit.board.LinkEnd;
import org.shardwire.emit.lower.ChannelGroupLowering;
import org.shardwire.hdl.Axi4ReadShape;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.StatusCounters;
import org.shardwire.plan.ChannelGroupSlicer;
import org.shardwire.templates.SimSupport;
import org.shardwire.templates.TemplateRenderer;

/**
 * The generated cluster harness of one cluster (the {@code sim/} folder of a generate output):
 * the cluster top, the C++ driver, the support headers, the board RTL files it compiles and the
 * boards' top modules in pipeline order, and the boards' DDR ports ({@link DdrPort}) the simulator
 * answers with a simulated DDR. Written once at generation time; the simulator
 * ({@code sim.ClusterSimulator}) reads this record back and builds and runs the harness.
 */
public record ClusterHarness(Path dir, List<Path> rtl, List<Path> memoryInitFiles, List<String> boardTops,
    List<String> checks, List<DdrPort> ddr) {
  static final String TOP = "cluster_top.v";
  static final String DRIVER = "cluster_driver.cpp";
  static final String FILES = "rtl_files.f";
  static final String INIT_FILES = "memory_files.f";
  static final String BOARDS = "boards.f";
  static final String CHECKS = "checks.f";
  static final String DDR = "ddr.f";
  static final long PROGRESS_INTERVAL = 200_000;

  public ClusterHarness {
    rtl = List.copyOf(rtl);
    memoryInitFiles = List.copyOf(memoryInitFiles);
    boardTops = List.copyOf(boardTops);
    checks = List.copyOf(checks);
    ddr = List.copyOf(ddr);
  }

  /**
   * A board's AXI4 read master of its DDR ({@link BoardTop#DDR_PORT}) on harness instance
   * {@code instance}: the simulator answers it with a simulated DDR holding cluster board
   * {@code board}'s weight image ({@code board<b>/ddr/weights.bin}, placed by its address map),
   * the run's driver arguments in this order (docs/ddr-weights.md).
   */
  public record DdrPort(int instance, int board, String port, Axi4ReadShape shape) {
    /** The port's name in the run's results: {@code board<b>.<port>}. */
    public String name() {
      return "board" + board + "." + port;
    }

    /** The harness top's signal prefix, a lower-case identifier: {@code b<instance>_<port>}. */
    public String signalPrefix() {
      return "b" + instance + "_" + port;
    }
  }

  /**
   * A channel-group exchange for the harness: link {@code index} from board {@code from}'s output
   * {@code senderOutput} (ports {@code txPort}) to board {@code to} (ports {@code rxPort}).
   */
  public record Exchange(int index, int from, int to, int senderOutput, String txPort, String rxPort, String name) {}

  /** The exchanges of a lowered channel-group cluster, each checked on its sender's monitor. */
  public static List<Exchange> exchanges(ChannelGroupLowering.Lowered hw) {
    List<Exchange> out = new ArrayList<>();
    List<ChannelGroupSlicer.Exchange> xs = hw.slicing().exchanges();
    for (int j = 0; j < xs.size(); j++) {
      ChannelGroupSlicer.Exchange x = xs.get(j);
      String port = ChannelGroupLowering.txPort(j);
      LinkEnd tx = hw.boards().get(x.from()).txLinks().stream().filter(e -> e.port().equals(port)).findFirst()
          .orElseThrow(() -> new IllegalStateException("board " + x.from() + " has no " + port));
      out.add(new Exchange(j, x.from(), x.to(), tx.index(), port, ChannelGroupLowering.rxPort(j),
          exchangeName(x.stream(), x.to())));
    }
    return out;
  }

  /** The harness's name of the check of pipeline board {@code board}'s output (its cut tensor). */
  public static String cutName(int board) {
    return cutName(board, 0);
  }

  /**
   * The check of pipeline board {@code board}'s output {@code k}: {@code board<i>.out} for the
   * first tensor of its cut, {@code board<i>.out<k>} for a further one (a shortcut).
   */
  public static String cutName(int board, int k) {
    return "board" + board + ".out" + (k == 0 ? "" : String.valueOf(k));
  }

  /** Sender and receiver ports of pipeline output {@code k}: {@code link_out}/{@code link_in}, then {@code link_out<k>}/{@code link_in<k>}. */
  public static String[] pipelinePorts(int k) {
    return k == 0 ? new String[] {"link_out", "link_in"} : new String[] {"link_out" + k, "link_in" + k};
  }

  /** The harness's name of the check of an exchanged stream (its frame ends in the result). */
  public static String exchangeName(String stream, int to) {
    return stream + "->b" + to;
  }

  /** Boards in the cluster: one harness input image, one cut tensor per link, one score stream. */
  public int boards() {
    return boardTops.size();
  }

  /** Writes the harness for these boards (pipeline order) into {@code dir}. */
  public static ClusterHarness write(List<EmittedDesign> boards, String stamp, Path dir) {
    return write(boards, withDdr(view(boards, stamp), boards, i -> i), dir);
  }

  /**
   * Writes the harness of a channel-group cluster (docs/channel-groups.md): the image into every
   * board that reads it (board 0 among them), the scores from the board with {@code m_axis}, every exchange through its own channel and checked on its sender.
   */
  public static ClusterHarness writeExchanges(List<EmittedDesign> boards, List<Exchange> exchanges, String stamp,
      Path dir) {
    return write(boards, withDdr(exchangeView(boards, exchanges, stamp), boards, i -> i), dir);
  }

  /** Writes the harness {@code view} describes for these boards (its instances, in order) into {@code dir}. */
  static ClusterHarness write(List<EmittedDesign> boards, ClusterView view, Path dir) {
    TemplateRenderer templates = new TemplateRenderer();
    List<Path> rtl = new ArrayList<>();
    List<Path> init = new ArrayList<>();
    List<String> tops = boards.stream().map(EmittedDesign::topModule).toList();
    List<String> checks = view.cutBoards().stream().map(ClusterView.CutView::name).toList();
    List<DdrPort> ddr = view.ddrPorts().stream().map(ClusterView.DdrView::port).toList();
    for (EmittedDesign b : boards) {
      // A board-alone harness instances the same link end more than once: its files once.
      b.verilogFiles().stream().filter(f -> !rtl.contains(f)).forEach(rtl::add);
      b.memoryInitFiles().stream().filter(f -> !init.contains(f)).forEach(init::add);
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
      Files.writeString(dir.resolve(CHECKS), checks.isEmpty() ? "" : String.join("\n", checks) + "\n",
          StandardCharsets.UTF_8);
      StringBuilder ddrLines = new StringBuilder();
      for (DdrPort d : ddr) {
        ddrLines.append(d.instance()).append(' ').append(d.board()).append(' ').append(d.port()).append(' ')
            .append(d.shape().addressWidth()).append(' ').append(d.shape().dataWidth()).append(' ')
            .append(d.shape().idWidth()).append('\n');
      }
      Files.writeString(dir.resolve(DDR), ddrLines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cluster harness to " + dir, e);
    }
    return new ClusterHarness(dir, rtl, init, tops, checks, ddr);
  }

  /**
   * {@code view} with a simulated DDR on every instance whose top has the DDR port
   * ({@link BoardTop#DDR_PORT}); {@code boardOf} gives an instance's board in the cluster.
   */
  static ClusterView withDdr(ClusterView view, List<EmittedDesign> instances,
      java.util.function.IntUnaryOperator boardOf) {
    List<ClusterView.DdrView> ports = new ArrayList<>();
    int firstArg = 1 + view.vectorFiles(); // each DDR image follows the vector files
    for (int i = 0; i < instances.size(); i++) {
      if (portWidth(instances.get(i), BoardTop.DDR_PORT + "_rdata") > 0) {
        DdrPort port = new DdrPort(i, boardOf.applyAsInt(i), BoardTop.DDR_PORT, ddrShape(instances.get(i)));
        ports.add(new ClusterView.DdrView(ports.size(), port, firstArg + ports.size()));
      }
    }
    return view.withDdr(ports);
  }

  /** The widths of a board top's DDR port, read from its ports. */
  private static Axi4ReadShape ddrShape(EmittedDesign b) {
    String p = BoardTop.DDR_PORT + "_";
    return new Axi4ReadShape(portWidth(b, p + "araddr"), portWidth(b, p + "rdata"), portWidth(b, p + "arid"));
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
      List<String> checks = Files.readAllLines(dir.resolve(CHECKS), StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank()).toList();
      List<DdrPort> ddr = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve(DDR), StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.strip().split(" ");
        try {
          ddr.add(new DdrPort(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], new Axi4ReadShape(
              Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]))));
        } catch (RuntimeException e) {
          throw new IOException(DDR + ": bad line '" + line + "'", e);
        }
      }
      return new ClusterHarness(dir, rtl, init, tops, checks, ddr);
    } catch (IOException e) {
      throw new IllegalArgumentException("no cluster harness in " + dir + " (expected " + FILES + ", " + INIT_FILES
          + ", " + BOARDS + ", " + CHECKS + ", " + DDR + ", " + DRIVER + "): run ./shardwire generate first", e);
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
      addBoard(i, b, views, declarations, status, fifos);
      if (i == last) {
        outputWidth = portWidth(b, "m_axis_tdata");
        continue;
      }
      // Every tensor of the board's cut, checked on its monitor and carried by its own link, in
      // the plan's link order (the first on link_out -> link_in).
      for (int k = 0; portWidth(b, BoardTopConfig.monitor(k) + "_tdata") > 0; k++) {
        int j = links.size();
        String[] ports = pipelinePorts(k);
        cuts.add(new ClusterView.CutView(j, 3 + j, portWidth(b, BoardTopConfig.monitor(k) + "_tdata"), i,
            BoardTopConfig.monitor(k), cutName(i, k)));
        links.add(new ClusterView.LinkView(j, i, i + 1, 2L * j + 1, 2L * j + 2, ports[0], ports[1]));
      }
    }
    if (outputWidth == 0 || cuts.stream().map(ClusterView.CutView::board).distinct().count() != last) {
      throw new IllegalArgumentException("cluster boards need m_axis (last board) and mon_* ports (the others)");
    }
    return new ClusterView(stamp, views, declarations, cuts, links, status, fifos, outputWidth, 4, 256, PROGRESS_INTERVAL,
        last, List.of());
  }

  /**
   * Harness instance {@code i}: its ports as {@code b<i>_<port>} on the harness top (declared and
   * connected), its status counters and its branch FIFOs' full-cycle counters.
   */
  static void addBoard(int i, EmittedDesign b, List<ClusterView.BoardView> views, List<String> declarations,
      List<String> status, List<ClusterView.FifoView> fifos) {
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
    }
    for (String s : b.statusPorts()) {
      status.add("b" + i + "_" + s);
      String fifoCounter = StatusCounters.PORT_PREFIX + BoardTop.FULL_CYCLES;
      if (s.startsWith(fifoCounter)) {
        fifos.add(new ClusterView.FifoView(i, s.substring(fifoCounter.length()), "b" + i + "_" + s));
      }
    }
    views.add(new ClusterView.BoardView(i, b.topModule(), connections));
  }

  /** The width of a design's port, 0 when it has none of that name. */
  static int portWidth(EmittedDesign b, String port) {
    return b.ports().stream().filter(p -> p.name().equals(port)).mapToInt(EmittedDesign.Port::width).findFirst()
        .orElse(0);
  }

  private static ClusterView exchangeView(List<EmittedDesign> boards, List<Exchange> exchanges, String stamp) {
    List<ClusterView.BoardView> views = new ArrayList<>();
    List<String> declarations = new ArrayList<>();
    List<String> status = new ArrayList<>();
    List<ClusterView.FifoView> fifos = new ArrayList<>();
    int outputWidth = 0;
    int outputBoard = -1;
    List<Integer> extraImage = new ArrayList<>();
    for (int i = 0; i < boards.size(); i++) {
      EmittedDesign b = boards.get(i);
      addBoard(i, b, views, declarations, status, fifos);
      if (portWidth(b, "m_axis_tdata") > 0) {
        if (outputWidth != 0) {
          throw new IllegalArgumentException("two boards of a channel-group cluster have m_axis");
        }
        outputWidth = portWidth(b, "m_axis_tdata");
        outputBoard = i;
      }
      if (i > 0 && portWidth(b, "s_axis_tdata") > 0) {
        extraImage.add(i); // board 0 reads the image; so does every other board of the first stage
      }
    }
    List<ClusterView.CutView> cuts = new ArrayList<>();
    List<ClusterView.LinkView> links = new ArrayList<>();
    for (Exchange x : exchanges) {
      String monitor = org.shardwire.emit.board.BoardTopConfig.monitor(x.senderOutput());
      int width = boards.get(x.from()).ports().stream().filter(p -> p.name().equals(monitor + "_tdata"))
          .mapToInt(EmittedDesign.Port::width).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("board " + x.from() + " has no monitor " + monitor));
      cuts.add(new ClusterView.CutView(x.index(), 3 + x.index(), width, x.from(), monitor, x.name()));
      links.add(new ClusterView.LinkView(x.index(), x.from(), x.to(), 2L * x.index() + 1, 2L * x.index() + 2,
          x.txPort(), x.rxPort()));
    }
    if (outputWidth == 0) {
      throw new IllegalArgumentException("one board of a channel-group cluster needs m_axis (the scores)");
    }
    return new ClusterView(stamp, views, declarations, cuts, links, status, fifos, outputWidth, 4, 256,
        PROGRESS_INTERVAL, outputBoard, extraImage);
  }
}
