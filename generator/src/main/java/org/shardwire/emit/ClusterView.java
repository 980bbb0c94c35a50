package org.shardwire.emit;

import java.util.List;

/**
 * What templates/verilator/cluster_top.v.vm and cluster_driver.cpp.vm need. Ports of board i
 * appear on the cluster top as {@code b<i>_<port>}.
 *
 * @param feeds input streams of their own besides the image (a board-alone harness, {@link BoardHarness})
 * @param drainBoards instances whose {@code m_axis} is taken every cycle and not checked there (a
 *     board-alone harness's further sinks: what they deliver is checked on the sender's monitor)
 * @param ddrPorts the AXI4 read masters of boards whose weights stream from DDR, each answered by
 *     a simulated DDR (sim/shardwire_axi.h) whose image file follows the vector files
 */
public record ClusterView(String stamp, List<BoardView> boards, List<String> portDeclarations,
    List<CutView> cutBoards, List<LinkView> links, List<String> statusPorts, List<FifoView> fifos, int outputWidth,
    int resetCycles, int drainCycles, long progressInterval, int scoresBoard, List<Integer> extraImageBoards,
    List<FeedView> feeds, List<Integer> drainBoards, List<DdrView> ddrPorts) {

  /** A view without simulated DDR. */
  public ClusterView(String stamp, List<BoardView> boards, List<String> portDeclarations, List<CutView> cutBoards,
      List<LinkView> links, List<String> statusPorts, List<FifoView> fifos, int outputWidth, int resetCycles,
      int drainCycles, long progressInterval, int scoresBoard, List<Integer> extraImageBoards, List<FeedView> feeds,
      List<Integer> drainBoards) {
    this(stamp, boards, portDeclarations, cutBoards, links, statusPorts, fifos, outputWidth, resetCycles, drainCycles,
        progressInterval, scoresBoard, extraImageBoards, feeds, drainBoards, List.of());
  }

  /** A cluster's view: every source is the image, every board output is checked. */
  public ClusterView(String stamp, List<BoardView> boards, List<String> portDeclarations, List<CutView> cutBoards,
      List<LinkView> links, List<String> statusPorts, List<FifoView> fifos, int outputWidth, int resetCycles,
      int drainCycles, long progressInterval, int scoresBoard, List<Integer> extraImageBoards) {
    this(stamp, boards, portDeclarations, cutBoards, links, statusPorts, fifos, outputWidth, resetCycles, drainCycles,
        progressInterval, scoresBoard, extraImageBoards, List.of(), List.of(), List.of());
  }

  /** The same view with these DDR ports answered by simulated DDR. */
  public ClusterView withDdr(List<DdrView> ports) {
    return new ClusterView(stamp, boards, portDeclarations, cutBoards, links, statusPorts, fifos, outputWidth,
        resetCycles, drainCycles, progressInterval, scoresBoard, extraImageBoards, feeds, drainBoards, ports);
  }

  /**
   * DDR port {@code index} of the harness ({@code port}: which instance's AXI4 read master, whose
   * board, how wide), answered by a simulated DDR whose image is vector file argument
   * {@code argIndex} and whose timing and base address come with {@code --ddr-port} at run time.
   */
  public record DdrView(int index, ClusterHarness.DdrPort port, int argIndex) {
    /** A signal of the port on the harness top: {@code b<instance>_<port>_<field>}. */
    public String signal(String field) {
      return port.signalPrefix() + "_" + field;
    }

    /** How the run reports it. */
    public String name() {
      return port.name();
    }

    public int beatBytes() {
      return port.shape().beatBytes();
    }
  }

  /** A board instance: its module and its port connections ({@code .p(b0_p)}). */
  public record BoardView(int index, String module, List<String> connections) {}

  /**
   * A checked stream (check {@code index}, vector file argument {@code argIndex}): a pipeline
   * board's cut tensor or a channel-group exchange, seen on board {@code board}'s monitor
   * {@code <monitor>_*} and reported as {@code name}.
   */
  public record CutView(int index, int argIndex, int width, int board, String monitor, String name) {}

  /**
   * A stream of its own fed into board {@code board}'s {@code s_axis} (vector file argument
   * {@code argIndex}, after the checked streams'): a board-alone harness's further inputs
   * ({@link BoardHarness}), each the tensor a link delivers in the cluster.
   */
  public record FeedView(int index, int argIndex, int board, String name) {}

  /** A branch FIFO of board {@code board}: its instance name and its full-cycle counter on the cluster top. */
  public record FifoView(int board, String name, String port) {}

  /**
   * Link k joins board {@code from}'s sender ports {@code <txPort>_*} to board {@code to}'s
   * receiver ports {@code <rxPort>_*} (a pipeline: k to k+1, link_out to link_in); its lanes'
   * error seeds derive from these.
   */
  public record LinkView(int index, int from, int to, long dataSeed, long ctrlSeed, String txPort, String rxPort) {}

  /**
   * Files the driver reads: the image, the scores, one per checked stream, one per feed, then one
   * DDR image per DDR port.
   */
  public int vectorFiles() {
    return 2 + cutBoards.size() + feeds.size() + ddrPorts.size();
  }

  public int boardCount() {
    return boards.size();
  }

  public int lastIndex() {
    return boards.size() - 1;
  }
}
