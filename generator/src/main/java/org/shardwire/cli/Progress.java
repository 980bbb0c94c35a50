package org.shardwire.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for the long steps (sweep points, simulated frames, a Verilator
 * build): done/total, rate and ETA, redrawn in place. Output that is not a terminal gets the same
 * bar at most every few seconds, one line each, so logs stay short.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar for {@code total} units; {@code total} below 0 means unknown (elapsed time only). */
  static Progress start(String task, long total, String unit) {
    boolean terminal = System.console() != null;
    PrintStream err = System.err;
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(terminal ? 250 : 5000)
        .setMaxRenderedLength(160).continuousUpdate()
        .setConsumer(terminal ? new ConsoleProgressBarConsumer(err, 160) : new DelegatingProgressBarConsumer(line -> {
          err.println(line);
          err.flush();
        }, 160));
    if (total < 0) {
      // Unknown length (a Verilator build): the bar shows the elapsed time only.
      b.hideEta();
    } else {
      b.showSpeed();
    }
    return new Progress(b.build());
  }

  void message(String text) {
    bar.setExtraMessage(" " + text);
  }

  void step() {
    bar.step();
  }

  void stepTo(long done) {
    bar.stepTo(done);
  }

  void maxHint(long total) {
    bar.maxHint(total);
  }

  Duration elapsed() {
    return bar.getTotalElapsed();
  }

  @Override
  public void close() {
    bar.close();
  }
}
