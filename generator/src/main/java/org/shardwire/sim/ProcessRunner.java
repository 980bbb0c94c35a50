package org.shardwire.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs an external command (Verilator, a built simulation), capturing stdout and stderr together.
 * The output is read on its own thread while this one waits with the timeout, so neither a full
 * pipe nor a process that never stops writing can keep the timeout from firing.
 */
public final class ProcessRunner {
  private static final long READER_GRACE_MILLIS = 5000;

  private ProcessRunner() {}

  public record Output(int exitCode, String text) {}

  public static Output run(List<String> command, Path workDir, long timeoutSeconds) {
    return run(command, workDir, timeoutSeconds, line -> true);
  }

  /**
   * @param keep sees every output line as it arrives (e.g. to pass progress on) and says whether
   *     it belongs in {@link Output#text}
   */
  public static Output run(List<String> command, Path workDir, long timeoutSeconds, Predicate<String> keep) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new SimulationException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    StringBuffer text = new StringBuffer();
    Thread reader = new Thread(() -> read(p, keep, text), "output of " + command.get(0));
    reader.setDaemon(true);
    reader.start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        // Children first (make, the C++ compiler): they hold the pipe open after the parent dies.
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        reader.join(READER_GRACE_MILLIS);
        throw new SimulationException("command timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
            + "\n" + tail(text.toString()));
      }
      reader.join();
      return new Output(p.exitValue(), text.toString());
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SimulationException("interrupted while running " + command.get(0), e);
    }
  }

  private static void read(Process p, Predicate<String> keep, StringBuffer text) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (keep.test(line)) {
          text.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      text.append("(output lost: ").append(e.getMessage()).append(")\n");
    }
  }

  static String tail(String text) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - 40);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }
}
