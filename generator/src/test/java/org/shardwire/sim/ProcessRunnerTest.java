package org.shardwire.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one process runner: output kept or passed on line by line, and a timeout that fires. */
class ProcessRunnerTest {
  private static final Path HERE = Path.of(".");

  @Test
  void keepsTheOutputAndTheExitCode() {
    ProcessRunner.Output out = ProcessRunner.run(List.of("sh", "-c", "echo one; echo two >&2; exit 3"), HERE, 60);
    assertEquals(3, out.exitCode());
    assertEquals("one\ntwo\n", out.text());
  }

  @Test
  void passesLinesOnAsTheyComeAndKeepsOnlyTheRest() {
    List<String> seen = new ArrayList<>();
    ProcessRunner.Output out = ProcessRunner.run(List.of("sh", "-c", "echo PROGRESS 1; echo result; echo PROGRESS 2"),
        HERE, 60, line -> {
          seen.add(line);
          return !line.startsWith("PROGRESS");
        });
    assertEquals(List.of("PROGRESS 1", "result", "PROGRESS 2"), seen);
    assertEquals("result\n", out.text());
  }

  /** A silent process that never ends. */
  @Test
  void theTimeoutFiresOnAHungProcess() {
    SimulationException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
        SimulationException.class, () -> ProcessRunner.run(List.of("sh", "-c", "sleep 600"), HERE, 1)));
    assertTrue(e.getMessage().startsWith("command timed out after 1 s"), e.getMessage());
  }

  /**
   * A process that writes forever (a harness that keeps printing progress): reading its output
   * to the end first would never return, so the timeout must not wait for the end of output.
   */
  @Test
  void theTimeoutFiresOnAProcessThatNeverStopsWriting() {
    List<String> progress = new ArrayList<>();
    SimulationException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
        SimulationException.class, () -> ProcessRunner.run(
            List.of("sh", "-c", "while true; do echo PROGRESS tick; sleep 0.05; done"), HERE, 2, line -> {
              synchronized (progress) {
                progress.add(line);
              }
              return false;
            })));
    assertTrue(e.getMessage().startsWith("command timed out after 2 s"), e.getMessage());
    synchronized (progress) {
      assertTrue(progress.size() > 3, "progress was passed on while the process ran: " + progress.size());
    }
  }
}
