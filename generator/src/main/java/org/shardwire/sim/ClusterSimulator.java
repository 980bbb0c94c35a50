package org.shardwire.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shardwire.emit.ClusterHarness;
import org.shardwire.templates.TemplateRenderer;

/**
 * Builds (or reuses) and runs a {@link ClusterHarness}: one Verilator model holding every board,
 * the image fed into board 0, the link lanes joined through the channel model
 * (sim/shardwire_channel.h), the scores and every cut tensor checked against the golden
 * model's vectors.
 */
public final class ClusterSimulator {
  private static final long RUN_TIMEOUT_SECONDS = 6 * 3600;
  private static final ObjectMapper PROGRESS = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
  private final BuildContext ctx;
  private final VerilatorBuilder builder;

  public ClusterSimulator(BuildContext ctx) {
    this.ctx = ctx;
    this.builder = new VerilatorBuilder(ctx, new TemplateRenderer());
  }

  /** True when the harness's Verilator build is in the cache, so {@link #run} starts without building. */
  public boolean isBuilt(ClusterHarness harness) {
    return builder.isCached(harness.design(), harness.driver());
  }

  /** Where a run is: cycles simulated, frames fed into board 0 and out of the last board, of how many. */
  public record HarnessProgress(long cycle, long framesIn, long framesOut, long frames) {}

  /** Hears about a run as it goes: the build (cached or not), then the harness's progress. */
  @FunctionalInterface
  public interface Listener {
    void progress(HarnessProgress p);

    /** Before the Verilator build: {@code cached} when an identical build is reused. */
    default void building(boolean cached) {}

    default void built(VerilatorBuilder.Build build) {}
  }

  /** A finished cluster run. */
  public record Run(ClusterResult result, VerilatorBuilder.Build build, Path runDir) {}

  /**
   * @param image board 0's input beats (tdata, tlast), all frames back to back
   * @param scores the last board's expected output beats (tdata, tlast)
   * @param cuts for every checked stream of the harness ({@link ClusterHarness#checks()}: a pipeline
   *     board's cut tensor, a channel-group exchange), its expected beats
   * @param listener hears about the build and the harness's progress as the run goes
   */
  public Run run(ClusterHarness harness, ClusterSpec spec, List<List<BigInteger>> image,
      List<List<BigInteger>> scores, List<List<List<BigInteger>>> cuts, Listener listener) {
    if (cuts.size() != harness.checks().size()) {
      throw new IllegalArgumentException("the harness checks " + harness.checks().size() + " streams "
          + harness.checks() + ", got expected beats for " + cuts.size());
    }
    try {
      Path runDir = Files.createDirectories(ctx.workDir());
      listener.building(builder.isCached(harness.design(), harness.driver()));
      VerilatorBuilder.Build build = builder.build(harness.design(), harness.driver());
      listener.built(build);
      RunFolder.copyMemoryInitFiles(harness.memoryInitFiles(), runDir);
      List<String> cmd = new ArrayList<>();
      cmd.add(build.executable().toAbsolutePath().toString());
      cmd.add(RunFolder.writeVectors(runDir, "image.vec", image));
      cmd.add(RunFolder.writeVectors(runDir, "scores.expected.vec", scores));
      for (int i = 0; i < cuts.size(); i++) {
        cmd.add(RunFolder.writeVectors(runDir, "cut" + i + ".expected.vec", cuts.get(i)));
      }
      cmd.addAll(List.of("--latency", String.valueOf(spec.latencyCycles()),
          "--error-rate", String.format(Locale.ROOT, "%.9g", spec.bitErrorRate()),
          "--seed", String.valueOf(spec.seed()), "--gap", String.valueOf(spec.inputGapPercent()),
          "--stall", String.valueOf(spec.outputStallPercent()), "--max-cycles", String.valueOf(spec.maxCycles())));
      return new Run(runStreaming(cmd, runDir, listener), build, runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the cluster run in " + ctx.workDir(), e);
    }
  }

  /** Runs the harness, passing PROGRESS lines on as they come and keeping everything else. */
  private static ClusterResult runStreaming(List<String> cmd, Path dir, Listener listener) throws IOException {
    SimResult.clear(dir);
    ProcessRunner.Output out = ProcessRunner.run(cmd, dir, RUN_TIMEOUT_SECONDS, line -> {
      if (line.startsWith("PROGRESS ")) {
        try {
          listener.progress(PROGRESS.readValue(line.substring("PROGRESS ".length()), HarnessProgress.class));
        } catch (IOException e) {
          throw new UncheckedIOException("the harness printed a bad progress line: " + line, e);
        }
        return false;
      }
      return true;
    });
    // The full report (every status counter, frame time, mismatch) stays beside the vectors.
    Files.writeString(dir.resolve("harness.log"), out.text(), StandardCharsets.UTF_8);
    return ClusterResult.read(out.exitCode(), out.text(), dir);
  }
}
