package org.shardwire.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.shardwire.sim.ClusterSimulator;
import org.shardwire.sim.VerilatorBuilder;

/**
 * What {@code simulate} shows while it runs: whether the Verilator build is cached or being
 * made (with the time it takes), then a bar of frames out of the cluster with cycles, simulated
 * cycles per second and the ETA.
 */
final class SimulationProgress implements ClusterSimulator.Listener, AutoCloseable {
  private final PrintWriter out;
  private final int frames;
  private Progress build;
  private Progress run;
  private long startNanos;

  SimulationProgress(PrintWriter out, int frames) {
    this.out = out;
    this.frames = frames;
  }

  @Override
  public void building(boolean cached) {
    // The command's first line already said whether the build is cached.
    if (!cached) {
      build = Progress.start("Verilator build (minutes for a big network; cached afterwards)", -1, "s");
    }
  }

  @Override
  public void built(VerilatorBuilder.Build b) {
    if (build != null) {
      long seconds = build.elapsed().toSeconds();
      build.close();
      build = null;
      out.println("Verilator build: done in " + seconds + " s");
      out.flush();
    }
    startNanos = System.nanoTime();
    run = Progress.start("simulate", frames, "frames");
  }

  @Override
  public void progress(ClusterSimulator.HarnessProgress p) {
    if (run == null) {
      return;
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    run.stepTo(p.framesOut());
    run.message(String.format(Locale.ROOT, "%,d cycles, %.0f cycles/s, %d frames in", p.cycle(),
        seconds > 0 ? p.cycle() / seconds : 0, p.framesIn()));
  }

  @Override
  public void close() {
    if (build != null) {
      build.close();
    }
    if (run != null) {
      run.stepTo(frames);
      run.close();
    }
  }
}
