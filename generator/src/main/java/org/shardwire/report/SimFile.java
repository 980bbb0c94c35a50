package org.shardwire.report;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.emit.ClusterHarness;
import org.shardwire.emit.lower.ChannelGroupLowering;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.LinkPlan;
import org.shardwire.plan.Strategy;
import org.shardwire.plan.Plan;
import org.shardwire.sim.AxiMemoryPort;
import org.shardwire.sim.ClusterResult;
import org.shardwire.sim.ClusterSpec;
import org.shardwire.sim.SimResult;

/**
 * sim.json (docs/architecture.md), as Jackson records: frames, bit_exact, mismatches,
 * cycles_per_frame (the measured steady-state initiation interval), latency_cycles, per board
 * cycles and stalls, per link words sent, retransmitted and lost; beside each measured figure,
 * the plan's estimate (for a link's words sent, its count of them). A figure the run could not
 * measure (cycles per frame of one frame) is null; a status counter the harness did not report is
 * null. {@code ddr} is the simulated DDR
 * behind each board port that streams weights ({@link SimDdr}; absent in files written before it).
 */
public record SimFile(int schemaVersion, String model, String boardsSpec, int frames, boolean bitExact,
    long mismatches, boolean timedOut, BigDecimal cyclesPerFrame, long estCyclesPerFrame, BigDecimal measuredVsEst,
    long latencyCycles, long totalCycles, long seed, Channel channel, List<SimDdr> ddr, List<Board> boards,
    List<Link> links, List<String> firstMismatches) {
  public static final int SCHEMA_VERSION = 1;
  public static final String FILE = "sim.json";

  public SimFile {
    JsonFiles.required("model", model, "boards_spec", boardsSpec, "channel", channel, "boards", boards, "links", links,
        "first_mismatches", firstMismatches);
  }

  public record Channel(int latencyCycles, BigDecimal bitErrorRate) {}

  public record Board(int index, String board, BigDecimal cyclesPerFrame, long estCyclesPerFrame, Long stallCycles,
      Long wordsIn, Long wordsOut) {}

  /**
   * @param estWordsSent the data-lane words the plan counts for the run's frames, resends aside
   *     ({@link LinkPlan#laneWordsPerFrame}): {@code wordsSent} exceeds it by the resends' words,
   *     or when the transmitter closed short frames (docs/link.md "Sparse senders")
   * @param wordsLost stream words that left board {@code from} and never reached board {@code to}
   *     (0 whenever the link works; null when a counter is missing)
   * @param frameWordsCorrupted data-lane words of frames the channel damaged (each costs a resend)
   * @param idleAndControlWordsCorrupted damaged idle blocks and control-lane words (cost nothing
   *     but a repeated control frame)
   */
  public record Link(int from, int to, Long wordsSent, Long estWordsSent, Long payloadWordsSent, Long framesSent,
      Long framesRetransmitted, Long wordsLost, long frameWordsCorrupted, long idleAndControlWordsCorrupted,
      Long crcErrors, long controlWords) {}

  public static SimFile of(Plan plan, ClusterSpec spec, int frames, ClusterHarness harness, List<AxiMemoryPort> ddr,
      ClusterResult r) {
    SimResult s = r.result();
    List<Board> boards = new ArrayList<>();
    List<BoardPlan> bp = plan.boards();
    List<Link> links = new ArrayList<>();
    if (plan.strategy() != Strategy.PIPELINE) {
      exchanges(plan, frames, r, boards, links);
    }
    for (int i = 0; i < bp.size() && plan.strategy() == Strategy.PIPELINE; i++) {
      String stream = i == bp.size() - 1 ? "scores" : "board" + i + ".out";
      boards.add(new Board(i, bp.get(i).board(), JsonFiles.fixedOrNull(r.cyclesPerFrame(stream), 1),
          bp.get(i).cyclesPerFrame(), s.status().get("b" + i + "_stat_out_stall_cycles"),
          s.status().get("b" + i + "_stat_in_words"), s.status().get("b" + i + "_stat_out_words")));
    }
    for (int j = 0; j < plan.links().size() && plan.strategy() == Strategy.PIPELINE; j++) {
      // Channel counts: {carried, corrupted, of which idle blocks}. The first tensor of board k's
      // cut is its link_out (status tx_/rx_, board words in/out), a further one link_out<m>.
      LinkPlan l = plan.links().get(j);
      int k = l.from();
      int m = (int) plan.links().subList(0, j).stream().filter(o -> o.from() == k).count();
      long[] data = r.channels().getOrDefault("link" + j + ".data", new long[3]);
      long[] ctrl = r.channels().getOrDefault("link" + j + ".ctrl", new long[3]);
      Long out = m == 0 ? s.status().get("b" + k + "_stat_out_words") : null;
      Long in = m == 0 ? s.status().get("b" + (k + 1) + "_stat_in_words") : null;
      String tx = "b" + k + "_stat_" + (m == 0 ? "tx_" : ClusterHarness.pipelinePorts(m)[0] + "_");
      String rx = "b" + (k + 1) + "_stat_" + (m == 0 ? "rx_" : ClusterHarness.pipelinePorts(m)[1] + "_");
      links.add(new Link(k, k + 1, s.status().get(tx + "words_sent"), frames * l.laneWordsPerFrame(),
          s.status().get(tx + "payload_words_sent"),
          s.status().get(tx + "frames_sent"), s.status().get(tx + "frames_retransmitted"), out == null || in == null ? null : out - in,
          data[1] - data[2], data[2] + ctrl[1],
          s.status().get(rx + "crc_errors"), ctrl[0]));
    }
    double ii = r.cyclesPerFrame();
    return new SimFile(SCHEMA_VERSION, plan.model(), plan.boardsSpec(), frames, r.passed(), s.mismatches(),
        s.timedOut(), JsonFiles.fixedOrNull(ii, 1), plan.cyclesPerFrame(),
        JsonFiles.fixedOrNull(ii / plan.cyclesPerFrame(), 4), r.latencyCycles(), s.cycles(), spec.seed(),
        new Channel(spec.latencyCycles(), JsonFiles.fixed(spec.bitErrorRate(), 9)), SimDdr.of(harness, ddr, s.report()), boards,
        links, s.mismatchLines());
  }

  /**
   * Channel groups: a board's measured rate is that of its scores (board 0) or of the first stream
   * it sends; one link per exchanged stream (the plan's links are in the harness's order).
   */
  private static void exchanges(Plan plan, int frames, ClusterResult r, List<Board> boards, List<Link> links) {
    SimResult s = r.result();
    List<BoardPlan> bp = plan.boards();
    for (int i = 0; i < bp.size(); i++) {
      String stream = "scores";
      for (LinkPlan l : plan.links()) {
        if (i != 0 && l.from() == i) {
          stream = ClusterHarness.exchangeName(l.tensor(), l.to());
          break;
        }
      }
      boards.add(new Board(i, bp.get(i).board(), JsonFiles.fixedOrNull(r.cyclesPerFrame(stream), 1),
          bp.get(i).cyclesPerFrame(), s.status().get("b" + i + "_stat_out_stall_cycles"),
          s.status().get("b" + i + "_stat_in_words"), s.status().get("b" + i + "_stat_out_words")));
    }
    for (int j = 0; j < plan.links().size(); j++) {
      LinkPlan l = plan.links().get(j);
      long[] data = r.channels().getOrDefault("link" + j + ".data", new long[3]);
      long[] ctrl = r.channels().getOrDefault("link" + j + ".ctrl", new long[3]);
      String tx = "b" + l.from() + "_stat_" + ChannelGroupLowering.txPort(j) + "_";
      String rx = "b" + l.to() + "_stat_" + ChannelGroupLowering.rxPort(j) + "_";
      // Words lost: the receiver counts no payload words, so there is nothing to compare here.
      links.add(new Link(l.from(), l.to(), s.status().get(tx + "words_sent"), frames * l.laneWordsPerFrame(),
          s.status().get(tx + "payload_words_sent"),
          s.status().get(tx + "frames_sent"), s.status().get(tx + "frames_retransmitted"), null,
          data[1] - data[2], data[2] + ctrl[1], s.status().get(rx + "crc_errors"), ctrl[0]));
    }
  }

  /** Reads a sim.json; errors name the file and the key. */
  public static SimFile read(Path file) {
    SimFile s = JsonFiles.read(file, SimFile.class);
    if (s.schemaVersion() != SCHEMA_VERSION) {
      throw new JsonFileException(file + ": schema_version " + s.schemaVersion() + " is not supported (this "
          + "Shardwire reads " + SCHEMA_VERSION + "): simulate again");
    }
    return s;
  }
}
