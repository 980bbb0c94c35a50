package org.shardwire.report;

import java.util.List;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.Plan;
import org.shardwire.sim.ClusterResult;
import org.shardwire.sim.ClusterSpec;
import org.shardwire.sim.SimResult;

/**
 * sim.json (DESIGN.md "Contracts"): frames, bit_exact, mismatches, cycles_per_frame (the measured
 * steady-state initiation interval), latency_cycles, per board cycles and stalls, per link words
 * sent, retransmitted and lost; beside each measured figure, the plan's estimate. Fixed key order
 * and number formats.
 */
public final class SimJson {
  private SimJson() {}

  public static String write(Plan plan, ClusterSpec spec, int frames, ClusterResult r) {
    SimResult s = r.result();
    StringBuilder j = new StringBuilder("{\n");
    j.append("  \"model\": ").append(JsonText.str(plan.model())).append(",\n");
    j.append("  \"boards_spec\": ").append(JsonText.str(plan.boardsSpec())).append(",\n");
    j.append("  \"frames\": ").append(frames).append(",\n");
    j.append("  \"bit_exact\": ").append(r.passed()).append(",\n");
    j.append("  \"mismatches\": ").append(s.mismatches()).append(",\n");
    j.append("  \"timed_out\": ").append(s.timedOut()).append(",\n");
    j.append("  \"cycles_per_frame\": ").append(number(r.cyclesPerFrame())).append(",\n");
    j.append("  \"est_cycles_per_frame\": ").append(plan.cyclesPerFrame()).append(",\n");
    j.append("  \"measured_vs_est\": ").append(ratio(r.cyclesPerFrame(), plan.cyclesPerFrame())).append(",\n");
    j.append("  \"latency_cycles\": ").append(r.latencyCycles()).append(",\n");
    j.append("  \"total_cycles\": ").append(s.cycles()).append(",\n");
    j.append("  \"seed\": ").append(spec.seed()).append(",\n");
    j.append("  \"channel\": {\"latency_cycles\": ").append(spec.latencyCycles()).append(", \"bit_error_rate\": ")
        .append(JsonText.fixed(spec.bitErrorRate(), 9)).append("},\n");
    j.append("  \"boards\": [\n");
    List<BoardPlan> boards = plan.boards();
    for (int i = 0; i < boards.size(); i++) {
      String stream = i == boards.size() - 1 ? "scores" : "board" + i + ".out";
      double measured = r.cyclesPerFrame(stream);
      j.append("    {\"index\": ").append(i)
          .append(", \"board\": ").append(JsonText.str(boards.get(i).board()))
          .append(", \"cycles_per_frame\": ").append(number(measured))
          .append(", \"est_cycles_per_frame\": ").append(boards.get(i).cyclesPerFrame())
          .append(", \"stall_cycles\": ").append(stat(s, "b" + i + "_stat_out_stall_cycles"))
          .append(", \"words_in\": ").append(stat(s, "b" + i + "_stat_in_words"))
          .append(", \"words_out\": ").append(stat(s, "b" + i + "_stat_out_words"))
          .append("}").append(i < boards.size() - 1 ? "," : "").append('\n');
    }
    j.append("  ],\n  \"links\": [\n");
    for (int k = 0; k < boards.size() - 1; k++) {
      // Channel counts: {carried, corrupted, of which idle blocks}.
      long[] data = r.channels().getOrDefault("link" + k + ".data", new long[3]);
      long[] ctrl = r.channels().getOrDefault("link" + k + ".ctrl", new long[3]);
      String tx = "b" + k + "_stat_tx_";
      String rx = "b" + (k + 1) + "_stat_rx_";
      j.append("    {\"from\": ").append(k).append(", \"to\": ").append(k + 1)
          .append(", \"words_sent\": ").append(stat(s, tx + "words_sent"))
          .append(", \"payload_words_sent\": ").append(stat(s, tx + "payload_words_sent"))
          .append(", \"frames_sent\": ").append(stat(s, tx + "frames_sent"))
          .append(", \"frames_retransmitted\": ").append(stat(s, tx + "frames_retransmitted"))
          // Lost: stream words that left board k and never reached board k+1 (0 when the link works);
          // damaged frame words cost a resend, damaged idle and control words cost nothing.
          .append(", \"words_lost\": ").append(difference(s, "b" + k + "_stat_out_words", "b" + (k + 1)
              + "_stat_in_words"))
          .append(", \"frame_words_corrupted\": ").append(data[1] - data[2])
          .append(", \"idle_and_control_words_corrupted\": ").append(data[2] + ctrl[1])
          .append(", \"crc_errors\": ").append(stat(s, rx + "crc_errors"))
          .append(", \"control_words\": ").append(ctrl[0])
          .append("}").append(k < boards.size() - 2 ? "," : "").append('\n');
    }
    j.append("  ],\n  \"first_mismatches\": [");
    List<String> lines = s.mismatchLines();
    for (int i = 0; i < lines.size(); i++) {
      j.append(i == 0 ? "\n    " : ",\n    ").append(JsonText.str(lines.get(i)));
    }
    j.append(lines.isEmpty() ? "]\n" : "\n  ]\n").append("}\n");
    return j.toString();
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "null" : JsonText.fixed(v, 1);
  }

  private static String ratio(double measured, long estimate) {
    return Double.isNaN(measured) ? "null" : JsonText.fixed(measured / estimate, 4);
  }

  private static String difference(SimResult s, String a, String b) {
    Long x = s.status().get(a);
    Long y = s.status().get(b);
    return x == null || y == null ? "null" : String.valueOf(x - y);
  }

  private static String stat(SimResult s, String port) {
    Long v = s.status().get(port);
    return v == null ? "null" : String.valueOf(v);
  }
}
