package org.shardwire.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for the long steps (sweep points, simulated frames, a Verilator
 * build, generating boards): done/total, rate and ETA, redrawn in place. When stderr is not a
 * terminal (a log, CI) there is no bar: a plain line at most once a minute, only when something
 * moved, so a log of a long run stays a few lines long.
 */
final class Progress implements AutoCloseable {
  /** Shortest time between two plain lines when the output is not a terminal. */
  static final Duration PLAIN_INTERVAL = Duration.ofSeconds(60);

  private final ProgressBar bar;
  private final PlainLines plain;

  private Progress(ProgressBar bar, PlainLines plain) {
    this.bar = bar;
    this.plain = plain;
  }

  /** A bar for {@code total} units; {@code total} below 0 means unknown (elapsed time only). */
  static Progress start(String task, long total, String unit) {
    PrintStream err = System.err;
    if (System.console() == null) {
      return plain(err, task, total, unit, System::nanoTime);
    }
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .setMaxRenderedLength(160).continuousUpdate()
        .setConsumer(new ConsoleProgressBarConsumer(err, 160));
    if (total < 0) {
      // Unknown length (a Verilator build): the bar shows the elapsed time only.
      b.hideEta();
    } else {
      b.showSpeed();
    }
    return new Progress(b.build(), null);
  }

  /** Plain lines on {@code out}, timed by {@code nanoClock} (a test passes its own clock). */
  static Progress plain(PrintStream out, String task, long total, String unit, LongSupplier nanoClock) {
    return new Progress(null, new PlainLines(out, task, total, unit, nanoClock));
  }

  void message(String text) {
    if (bar != null) {
      bar.setExtraMessage(" " + text);
    } else {
      plain.message = text;
      plain.maybePrint();
    }
  }

  void step() {
    if (bar != null) {
      bar.step();
    } else {
      plain.done++;
      plain.maybePrint();
    }
  }

  void stepTo(long done) {
    if (bar != null) {
      bar.stepTo(done);
    } else {
      plain.done = done;
      plain.maybePrint();
    }
  }

  void maxHint(long total) {
    if (bar != null) {
      bar.maxHint(total);
    } else {
      plain.total = total;
    }
  }

  Duration elapsed() {
    return bar != null ? bar.getTotalElapsed() : Duration.ofNanos(plain.clock.getAsLong() - plain.startNanos);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /** Progress for a log: "task: 3/8 points, 2:05 elapsed, message", at most once per {@link #PLAIN_INTERVAL}. */
  private static final class PlainLines {
    private final PrintStream out;
    private final String task;
    private final String unit;
    private final LongSupplier clock;
    private final long startNanos;
    private long total;
    private long done;
    private String message = "";
    private long lastNanos;

    PlainLines(PrintStream out, String task, long total, String unit, LongSupplier clock) {
      this.out = out;
      this.task = task;
      this.total = total;
      this.unit = unit;
      this.clock = clock;
      this.startNanos = clock.getAsLong();
      this.lastNanos = startNanos;
    }

    void maybePrint() {
      long now = clock.getAsLong();
      if (now - lastNanos < PLAIN_INTERVAL.toNanos()) {
        return;
      }
      lastNanos = now;
      long s = (now - startNanos) / 1_000_000_000L;
      out.println(String.format(Locale.ROOT, "%s: %d%s %s, %d:%02d elapsed%s", task, done,
          total >= 0 ? "/" + total : "", unit, s / 60, s % 60, message.isEmpty() ? "" : ", " + message));
      out.flush();
    }
  }
}
