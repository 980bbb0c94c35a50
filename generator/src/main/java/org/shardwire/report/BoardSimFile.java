package org.shardwire.report;

import java.math.BigDecimal;
import java.util.List;
import org.shardwire.emit.BoardHarness;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.LinkPlan;
import org.shardwire.plan.Plan;
import org.shardwire.sim.AxiMemoryPort;
import org.shardwire.sim.ClusterResult;
import org.shardwire.sim.ClusterSpec;
import org.shardwire.sim.SimResult;

/**
 * {@code sim-board<K>.json}, what {@code simulate --board K} writes (docs/board-simulation.md):
 * one board simulated alone against its input and output tensors. Beside {@code sim.json}'s
 * fields for that board: the streams fed and checked, the board's measured cycles per frame
 * (null with one frame) against its own estimate (its slowest engine or link), the latency of
 * frame 0 through it and the simulation's speed.
 *
 * @param inputs what was fed, as the cluster names it ("image", "board0.out", an exchange)
 * @param outputs what was checked bit for bit ("scores", "board1.out", an exchange)
 * @param estCyclesPerFrame the board's own II in the plan: its slowest engine or any link it
 *     sends or receives
 * @param latencyCycles from frame 0's first input word to its last output word (of all it sends)
 * @param simulatedCyclesPerSecond cycles per second of the harness's main loop (file parsing excluded)
 */
public record BoardSimFile(int schemaVersion, String model, String boardsSpec, int board, String boardId, int frames,
    boolean bitExact, long mismatches, boolean timedOut, List<String> inputs, List<String> outputs,
    BigDecimal cyclesPerFrame, long estCyclesPerFrame, BigDecimal measuredVsEst, long latencyCycles,
    long totalCycles, BigDecimal simulatedCyclesPerSecond, long seed, SimFile.Channel channel, List<SimDdr> ddr,
    Long wordsIn,
    Long wordsOut, Long stallCycles, List<String> firstMismatches) {
  public static final int SCHEMA_VERSION = 1;

  public BoardSimFile {
    JsonFiles.required("model", model, "boards_spec", boardsSpec, "board_id", boardId, "inputs", inputs, "outputs",
        outputs, "channel", channel, "first_mismatches", firstMismatches);
  }

  /** The file name of board {@code k}'s result beside sim.json. */
  public static String file(int k) {
    return "sim-board" + k + ".json";
  }

  /** Board {@code k}'s own II in the plan: its slowest engine, or a link it sends or receives when slower. */
  public static long estimate(Plan plan, int k) {
    long c = plan.boards().get(k).cyclesPerFrame();
    for (LinkPlan l : plan.links()) {
      if (l.from() == k || l.to() == k) {
        c = Math.max(c, l.cycles());
      }
    }
    return c;
  }

  public static BoardSimFile of(Plan plan, BoardHarness h, BoardHarness.Vectors v, ClusterSpec spec, int frames,
      List<AxiMemoryPort> ddr, ClusterResult r) {
    SimResult s = r.result();
    BoardPlan bp = plan.boards().get(h.board());
    String stat = "b" + h.instance() + "_stat_";
    double ii = r.cyclesPerFrame(h.measuredStream());
    long est = estimate(plan, h.board());
    return new BoardSimFile(SCHEMA_VERSION, plan.model(), plan.boardsSpec(), h.board(), bp.board(), frames,
        r.passed(), s.mismatches(), s.timedOut(), v.inputs(), v.outputs(), JsonFiles.fixedOrNull(ii, 1), est,
        JsonFiles.fixedOrNull(ii / est, 4), latency(r), s.cycles(), JsonFiles.fixed(s.cyclesPerSecond(), 1),
        spec.seed(), new SimFile.Channel(spec.latencyCycles(), JsonFiles.fixed(spec.bitErrorRate(), 9)),
        SimDdr.of(h.harness(), ddr, s.report()), s.status().get(stat + "in_words"), s.status().get(stat + "out_words"),
        s.status().get(stat + "out_stall_cycles"), s.mismatchLines());
  }

  /**
   * Frame 0's first word into the harness to its last word out of the board, over everything the
   * board sends (a channel-group board sends its first exchange long before its last); -1 when
   * some output never ended a frame. Every checked stream of a board-alone harness is the board's.
   */
  public static long latency(ClusterResult r) {
    long last = -1;
    for (List<Long> ends : r.frameEnds().values()) {
      if (ends.isEmpty()) {
        return -1;
      }
      last = Math.max(last, ends.get(0));
    }
    return r.frameStarts().isEmpty() || last < 0 ? -1 : last - r.frameStarts().get(0);
  }
}
