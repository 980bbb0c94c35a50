package org.shardwire.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of one driver run, parsed from its report lines.
 *
 * @param mismatchLines the first few mismatches as the driver printed them (cycle, port, beat,
 *     field, expected, actual) plus any MISSING/STUCK lines
 * @param status final values of the bench's status ports ({@link Testbench#statusPorts()})
 */
public record SimResult(int exitCode, long cycles, long mismatches, boolean timedOut, List<String> mismatchLines,
    Map<String, PortStats> outputs, double loopSeconds, String log, Map<String, Long> status) {

  /** Beats seen on an output port and the cycles of its first and last beat. */
  public record PortStats(long beats, long expected, long firstCycle, long lastCycle) {}

  private static final Pattern RESULT = Pattern.compile("RESULT cycles=(\\d+) mismatches=(\\d+) timeout=(\\d)");
  private static final Pattern TIME = Pattern.compile("TIME loop_seconds=([0-9.]+)");
  private static final Pattern STATUS = Pattern.compile("^STAT (\\S+)=([0-9a-f]+)$");
  private static final Pattern PORT =
      Pattern.compile("PORT (\\S+) beats=(\\d+) expected=(\\d+) first_cycle=(\\d+) last_cycle=(\\d+)");

  /** Simulated cycles per wall-clock second of the driver's main loop (file parsing excluded). */
  public double cyclesPerSecond() {
    return loopSeconds > 0 ? cycles / loopSeconds : 0;
  }

  /** The final value of a status port; fails when the driver did not report it. */
  public long status(String port) {
    Long v = status.get(port);
    if (v == null) {
      throw new IllegalStateException("the driver reported no status port " + port + " (reported: " + status.keySet()
          + ")");
    }
    return v;
  }

  /** Did the driver stop on a deadlock (no handshake for its deadlock window with frames outstanding)? */
  public boolean deadlocked() {
    return mismatchLines.stream().anyMatch(l -> l.startsWith("DEADLOCK"));
  }

  public boolean passed() {
    return exitCode == 0 && mismatches == 0 && !timedOut;
  }

  /** A readable account of a failed run: what went wrong, the first mismatches, the log's tail. */
  public String failureReport() {
    StringBuilder sb = new StringBuilder();
    sb.append("simulation failed: exit ").append(exitCode).append(", ").append(mismatches).append(" mismatches")
        .append(timedOut ? ", timed out" : "").append(deadlocked() ? ", deadlocked" : "").append('\n');
    for (String l : mismatchLines) {
      sb.append("  ").append(l).append('\n');
    }
    if (mismatchLines.isEmpty()) {
      sb.append(ProcessRunner.tail(log));
    }
    return sb.toString();
  }

  static SimResult parse(int exitCode, String log) {
    long cycles = -1;
    long mismatches = -1;
    boolean timedOut = false;
    double loopSeconds = 0;
    List<String> lines = new ArrayList<>();
    Map<String, PortStats> outputs = new LinkedHashMap<>();
    Map<String, Long> status = new LinkedHashMap<>();
    for (String line : log.split("\n")) {
      Matcher st = STATUS.matcher(line);
      if (st.find()) {
        status.put(st.group(1), Long.parseUnsignedLong(st.group(2), 16));
        continue;
      }
      Matcher r = RESULT.matcher(line);
      Matcher p = PORT.matcher(line);
      Matcher t = TIME.matcher(line);
      if (t.find()) {
        loopSeconds = Double.parseDouble(t.group(1));
      } else if (r.find()) {
        cycles = Long.parseLong(r.group(1));
        mismatches = Long.parseLong(r.group(2));
        timedOut = r.group(3).equals("1");
      } else if (p.find()) {
        outputs.put(p.group(1), new PortStats(Long.parseLong(p.group(2)), Long.parseLong(p.group(3)),
            Long.parseLong(p.group(4)), Long.parseLong(p.group(5))));
      } else if (line.startsWith("MISMATCH") || line.startsWith("MISSING") || line.startsWith("STUCK")
          || line.startsWith("ERROR") || line.startsWith("DEADLOCK")) {
        lines.add(line);
      }
    }
    if (cycles < 0 && exitCode == 0) {
      // A driver that exits 0 without its RESULT line did not run to completion: not a pass.
      return new SimResult(1, 0, 0, false, List.of("ERROR driver printed no RESULT line"), outputs, 0, log, status);
    }
    return new SimResult(exitCode, Math.max(cycles, 0), Math.max(mismatches, 0), timedOut, List.copyOf(lines),
        outputs, loopSeconds, log, status);
  }
}
