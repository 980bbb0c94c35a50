package org.shardwire.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command, capturing stdout and stderr together. */
public final class ProcessRunner {
  private ProcessRunner() {}

  public record Output(int exitCode, String text) {}

  public static Output run(List<String> command, Path workDir, long timeoutSeconds) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    try {
      Process p = pb.start();
      // Read on this thread while the process runs so that a full pipe cannot block it.
      StringBuilder text = new StringBuilder();
      Thread reader = new Thread(() -> {
        try (InputStream in = p.getInputStream()) {
          text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          text.append("(output lost: ").append(e.getMessage()).append(")");
        }
      });
      reader.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        reader.join(5000);
        throw new SimulationException("command timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
            + "\n" + tail(text.toString()));
      }
      reader.join();
      return new Output(p.exitValue(), text.toString());
    } catch (IOException e) {
      throw new SimulationException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SimulationException("interrupted while running " + command.get(0), e);
    }
  }

  static String tail(String text) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - 40);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }
}
