package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the output is a log, not a terminal, progress is a plain line at most once a minute, not a bar redrawn every few seconds. */
class ProgressInLogsTest {

  @Test
  void aLogGetsAtMostOneLineAMinute() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    AtomicLong now = new AtomicLong(0);
    try (Progress p = Progress.plain(out, "simulate", 100, "frames", now::get)) {
      for (int i = 1; i <= 100; i++) {
        now.addAndGet(5_000_000_000L); // a step every 5 s: 500 s in all
        p.step();
      }
    }
    String log = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(8, log.lines().count(), log); // at 60, 120, ..., 480 s
    assertEquals("simulate: 12/100 frames, 1:00 elapsed", log.lines().findFirst().orElseThrow());
  }
}
