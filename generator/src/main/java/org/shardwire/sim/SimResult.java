package org.shardwire.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one driver run, from its results file ({@link HarnessReport}).
 *
 * @param mismatchLines the first few mismatches (cycle, port, beat, field, expected, actual) and
 *     any MISSING/STUCK/ERROR lines, as the driver printed them
 * @param status final values of the bench's status ports ({@link Testbench#statusPorts()})
 * @param report the results file as read; null when the driver wrote none (it failed before the end)
 */
public record SimResult(int exitCode, long cycles, long mismatches, boolean timedOut, List<String> mismatchLines,
    Map<String, PortStats> outputs, double loopSeconds, String log, Map<String, Long> status, HarnessReport report) {

  /** Beats seen on an output port and the cycles of its first and last beat. */
  public record PortStats(long beats, long expected, long firstCycle, long lastCycle) {}

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

  /**
   * The result of a driver that exited with {@code exitCode} in {@code runDir}, printing {@code log}.
   * A driver that exits 0 without its results file did not run to completion: not a pass.
   */
  static SimResult read(int exitCode, String log, Path runDir) {
    Path file = runDir.resolve(HarnessReport.FILE);
    if (!Files.exists(file)) {
      List<String> lines = new ArrayList<>();
      log.lines().filter(l -> l.startsWith("ERROR")).forEach(lines::add);
      if (lines.isEmpty()) {
        lines.add("ERROR the driver wrote no " + HarnessReport.FILE + " (exit " + exitCode + ")");
      }
      return new SimResult(exitCode == 0 ? 1 : exitCode, 0, 0, false, List.copyOf(lines), Map.of(), 0, log, Map.of(),
          null);
    }
    HarnessReport r;
    try {
      r = HarnessReport.read(file);
    } catch (IOException e) {
      throw new SimulationException("the driver's " + file + " is not valid: " + e.getMessage(), e);
    }
    List<String> lines = new ArrayList<>();
    r.firstMismatches().forEach(m -> lines.add(m.line()));
    lines.addAll(r.problems());
    Map<String, PortStats> outputs = new LinkedHashMap<>();
    for (HarnessReport.Port p : r.ports()) {
      outputs.put(p.name(), new PortStats(p.beats(), p.expected(), p.firstCycle(), p.lastCycle()));
    }
    return new SimResult(exitCode, r.cycles(), r.mismatches(), r.timedOut(), List.copyOf(lines), outputs,
        r.loopSeconds(), log, new TreeMap<>(r.status()), r);
  }

  /** Removes a previous run's results so a driver that dies early is not mistaken for it. */
  static void clear(Path runDir) throws IOException {
    Files.deleteIfExists(runDir.resolve(HarnessReport.FILE));
  }
}
