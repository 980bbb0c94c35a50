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
import java.util.stream.IntStream;
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
  /** Where a traced re-run writes (inside the run folder), and the FST time of one cycle (see the driver). */
  public static final String TRACE_DIR = "trace";
  public static final long TIME_PER_CYCLE = 10;
  private static final String IMAGE = "image.vec";
  private static final String SCORES = "scores.expected.vec";
  private final BuildContext ctx;
  private final VerilatorBuilder builder;
  private final VerilatorBuilder.Optimisation optimisation;

  /** A simulator for short runs (a few frames of a small cluster, as tests run): the quick build. */
  public ClusterSimulator(BuildContext ctx) {
    this(ctx, VerilatorBuilder.Optimisation.QUICK_BUILD);
  }

  /** A simulator whose harness builds are compiled as {@code optimisation} says. */
  public ClusterSimulator(BuildContext ctx, VerilatorBuilder.Optimisation optimisation) {
    this.ctx = ctx;
    this.builder = new VerilatorBuilder(ctx, new TemplateRenderer());
    this.optimisation = optimisation;
  }

  /** How this simulator's harness builds are compiled. */
  public VerilatorBuilder.Optimisation optimisation() {
    return optimisation;
  }

  /** True when the harness's Verilator build is in the cache, so {@link #run} starts without building. */
  public boolean isBuilt(ClusterHarness harness) {
    return isBuilt(harness, false);
  }

  /** The same for the untraced or the traced build. */
  public boolean isBuilt(ClusterHarness harness, boolean traced) {
    return builder.isCached(harness.design(), harness.driver(), traced, optimisation);
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

  /** A finished cluster run, with the simulated DDR that answered the harness's DDR ports. */
  public record Run(ClusterResult result, VerilatorBuilder.Build build, Path runDir, List<AxiMemoryPort> memories) {
    public Run {
      memories = List.copyOf(memories);
    }
  }

  /**
   * @param image board 0's input beats (tdata, tlast), all frames back to back
   * @param scores the last board's expected output beats (tdata, tlast)
   * @param cuts for every checked stream of the harness ({@link ClusterHarness#checks()}: a pipeline
   *     board's cut tensor, a channel-group exchange), its expected beats
   * @param listener hears about the build and the harness's progress as the run goes
   */
  public Run run(ClusterHarness harness, ClusterSpec spec, List<List<BigInteger>> image,
      List<List<BigInteger>> scores, List<List<List<BigInteger>>> cuts, Listener listener) {
    return run(harness, spec, image, scores, cuts, List.of(), listener);
  }

  /**
   * The same with {@code feeds}: the beats of every further input stream a board-alone harness
   * feeds (emit.BoardHarness), in its order.
   */
  public Run run(ClusterHarness harness, ClusterSpec spec, List<List<BigInteger>> image,
      List<List<BigInteger>> scores, List<List<List<BigInteger>>> cuts, List<List<List<BigInteger>>> feeds,
      Listener listener) {
    return run(harness, spec, image, scores, cuts, feeds, List.of(), listener);
  }

  /**
   * The same with {@code memories}: the simulated DDR answering each of the harness's DDR ports
   * ({@link ClusterHarness#ddr()}, in its order): its image file, the image's base address and
   * its timing (docs/ddr-weights.md).
   */
  public Run run(ClusterHarness harness, ClusterSpec spec, List<List<BigInteger>> image,
      List<List<BigInteger>> scores, List<List<List<BigInteger>>> cuts, List<List<List<BigInteger>>> feeds,
      List<AxiMemoryPort> memories, Listener listener) {
    checkMemories(harness, memories);
    if (cuts.size() != harness.checks().size()) {
      throw new IllegalArgumentException("the harness checks " + harness.checks().size() + " streams "
          + harness.checks() + ", got expected beats for " + cuts.size());
    }
    try {
      Path runDir = Files.createDirectories(ctx.workDir());
      listener.building(builder.isCached(harness.design(), harness.driver(), false, optimisation));
      VerilatorBuilder.Build build = builder.build(harness.design(), harness.driver(), false, optimisation);
      listener.built(build);
      RunFolder.copyMemoryInitFiles(harness.memoryInitFiles(), runDir);
      RunFolder.writeVectors(runDir, IMAGE, image);
      RunFolder.writeVectors(runDir, SCORES, scores);
      for (int i = 0; i < cuts.size(); i++) {
        RunFolder.writeVectors(runDir, cut(i), cuts.get(i));
      }
      for (int i = 0; i < feeds.size(); i++) {
        RunFolder.writeVectors(runDir, feed(i), feeds.get(i));
      }
      List<String> cmd = command(build, runDir, harness.checks().size(), feeds.size(), memories, spec,
          spec.maxCycles());
      return new Run(runStreaming(cmd, runDir, listener), build, runDir, memories);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the cluster run in " + ctx.workDir(), e);
    }
  }

  /** True when the harness's driver can dump waveforms (folders generated before --trace cannot). */
  public static boolean canTrace(ClusterHarness harness) {
    return harness.driver().contains("--trace-from");
  }

  /**
   * Repeats a finished run with the traced build ({@code --trace-fst}, cached apart from the
   * untraced one) and dumps one FST per board into {@code RUN/trace/}: the run is deterministic
   * (same vectors, seed, channel and back-pressure), so the re-run reaches the same cycles, and
   * only the window that matters is dumped and simulated: around the first mismatch, the last
   * cycles before a deadlock or timeout, or the whole of a bit-exact run. One re-run per board:
   * Verilator gives a second trace file on the same model no value changes.
   */
  public Trace trace(ClusterHarness harness, ClusterSpec spec, Run first, TraceWindow window, Listener listener) {
    return trace(harness, spec, first, window, null, IntStream.range(0, harness.boards()).boxed().toList(), listener);
  }

  /**
   * {@link #trace(ClusterHarness, ClusterSpec, Run, TraceWindow, Listener)} for the harness's
   * instances {@code boards} only, and with {@code span} (when not null) the cycles asked for
   * instead of the window the run chooses: at seed scale a bit-exact run is millions of cycles,
   * and one board's FST holds about 9 KB a cycle (ResNet-50's board 0), so a performance question
   * is traced over a few frames' worth of a steady state, not from cycle 0.
   */
  public Trace trace(ClusterHarness harness, ClusterSpec spec, Run first, TraceWindow window, TraceSpan span,
      List<Integer> boards, Listener listener) {
    if (!canTrace(harness)) {
      throw new IllegalArgumentException(harness.dir() + " was generated before simulate --trace existed: "
          + "run ./shardwire generate again");
    }
    SimResult r = first.result().result();
    long from;
    long to;
    String why;
    long firstMismatch = firstMismatchCycle(r);
    long last = Math.max(0, r.cycles() - 1); // the run's last simulated cycle (cycles counts them from 0)
    if (span != null) {
      if (span.from() > last) {
        throw new IllegalArgumentException("cycles " + span.from() + ".." + span.to() + " were not simulated: the run "
            + "stopped at cycle " + last);
      }
      from = span.from();
      to = Math.min(span.to(), last);
      why = "cycles " + from + ".." + to + " as asked";
    } else if (firstMismatch >= 0) {
      from = Math.max(0, firstMismatch - window.before());
      to = firstMismatch + window.after();
      why = "around the first mismatch at cycle " + firstMismatch;
    } else if (!r.passed()) {
      from = Math.max(0, last - window.before());
      to = last;
      why = "the last cycles before the run stopped at cycle " + last;
    } else {
      from = 0;
      to = last;
      why = "the whole bit-exact run";
    }
    try {
      Path dir = Files.createDirectories(first.runDir().resolve(TRACE_DIR));
      for (int b = 0; b < harness.boards(); b++) {
        Files.deleteIfExists(dir.resolve(traceFile(b)));
      }
      RunFolder.copyMemoryInitFiles(harness.memoryInitFiles(), dir);
      listener.building(builder.isCached(harness.design(), harness.driver(), true, optimisation));
      VerilatorBuilder.Build build = builder.build(harness.design(), harness.driver(), true, optimisation);
      listener.built(build);
      List<Path> files = new ArrayList<>();
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      long tracedFirst = firstMismatch;
      for (int b : boards) {
        List<String> cmd = command(build, first.runDir(), harness.checks().size(), 0, first.memories(), spec,
            Math.min(spec.maxCycles(), to + 1));
        cmd.addAll(List.of("--trace", dir.toAbsolutePath().toString(), "--trace-board", String.valueOf(b),
            "--trace-from", String.valueOf(from), "--trace-to", String.valueOf(to)));
        ClusterResult traced = runStreaming(cmd, dir, listener);
        Path f = dir.resolve(traceFile(b));
        if (!Files.isRegularFile(f)) {
          throw new SimulationException("the traced run wrote no " + f + ":\n" + traced.result().failureReport());
        }
        FstHeader h = FstHeader.read(f);
        start = Math.min(start, h.startTime());
        end = Math.max(end, h.endTime());
        files.add(f);
        if (firstMismatchCycle(traced.result()) != firstMismatch) {
          tracedFirst = firstMismatchCycle(traced.result());
        }
      }
      return new Trace(files, start / TIME_PER_CYCLE, end / TIME_PER_CYCLE, why, firstMismatch, tracedFirst);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the traced run in " + first.runDir().resolve(TRACE_DIR), e);
    }
  }

  /** The earliest mismatch the driver reported, or -1 when there was none. */
  private static long firstMismatchCycle(SimResult r) {
    if (r.report() == null || r.report().firstMismatches().isEmpty()) {
      return -1;
    }
    return r.report().firstMismatches().stream().mapToLong(HarnessReport.Mismatch::cycle).min().orElseThrow();
  }

  /** Cycles {@code from} to {@code to} (inclusive) a traced run dumps, whatever the run found. */
  public record TraceSpan(long from, long to) {
    public TraceSpan {
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("trace cycles must be FROM:TO with 0 <= FROM <= TO, got " + from + ":" + to);
      }
    }

    /** "FROM:TO", e.g. "900000:960000". */
    public static TraceSpan parse(String text) {
      long[] p = cyclePair(text, "trace cycles must be FROM:TO (e.g. 900000:960000)");
      return new TraceSpan(p[0], p[1]);
    }
  }

  /** Cycles a traced run dumps: {@code before} the first mismatch and {@code after} it (both at least 0). */
  public record TraceWindow(long before, long after) {
    public static final TraceWindow DEFAULT = new TraceWindow(1000, 100);

    public TraceWindow {
      if (before < 0 || after < 0 || before > 100_000_000 || after > 100_000_000) {
        throw new IllegalArgumentException("trace window must be BEFORE:AFTER cycles, each in 0..100000000; got "
            + before + ":" + after);
      }
    }

    /** "BEFORE:AFTER", e.g. "1000:100". */
    public static TraceWindow parse(String text) {
      long[] p = cyclePair(text, "trace window must be BEFORE:AFTER cycles (e.g. 1000:100)");
      return new TraceWindow(p[0], p[1]);
    }
  }

  /** Two cycle counts written "A:B"; anything else is refused with {@code expected} and the text. */
  private static long[] cyclePair(String text, String expected) {
    String[] parts = text.split(":", -1);
    try {
      if (parts.length == 2) {
        return new long[] {Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip())};
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(expected + ", got '" + text + "'");
  }

  /**
   * A traced re-run: one FST per board, the cycles they hold (read back from their headers), why
   * that window, and the first mismatch of the run and of the re-run (equal, as the run is
   * deterministic; -1 when none).
   */
  public record Trace(List<Path> files, long fromCycle, long toCycle, String why, long firstMismatch,
      long tracedFirstMismatch) {
    public Trace {
      files = List.copyOf(files);
    }

    /** One line for the user: which cycles, why, and the files. */
    public String describe() {
      StringBuilder sb = new StringBuilder("waveforms of cycles " + fromCycle + ".." + toCycle + " (" + why
          + "; cycle c is at time " + TIME_PER_CYCLE + "c), one FST per board: ");
      sb.append(String.join(", ", files.stream().map(Path::toString).toList()));
      if (tracedFirstMismatch != firstMismatch) {
        sb.append(" (WARNING: the traced re-run's first mismatch is at cycle ").append(tracedFirstMismatch)
            .append(", not ").append(firstMismatch).append(")");
      }
      return sb.toString();
    }
  }

  /** One simulated DDR per DDR port of the harness, each as wide as its port. */
  private static void checkMemories(ClusterHarness harness, List<AxiMemoryPort> memories) {
    List<ClusterHarness.DdrPort> ports = harness.ddr();
    if (memories.size() != ports.size()) {
      throw new IllegalArgumentException("the harness in " + harness.dir() + " has " + ports.size() + " DDR port(s) "
          + ports.stream().map(ClusterHarness.DdrPort::name).toList() + ", got " + memories.size() + " simulated DDR");
    }
    for (int i = 0; i < ports.size(); i++) {
      if (!memories.get(i).shape().equals(ports.get(i).shape())) {
        throw new IllegalArgumentException("DDR port " + ports.get(i).name() + " is " + ports.get(i).shape()
            + ", its simulated DDR " + memories.get(i).shape());
      }
    }
  }

  /**
   * The harness's command line: the vector files (image, scores, one per checked stream, one per
   * feed), the DDR images, then the channel, back-pressure and DDR settings.
   */
  static List<String> command(VerilatorBuilder.Build build, Path runDir, int checks, int feeds,
      List<AxiMemoryPort> memories, ClusterSpec spec, long maxCycles) {
    List<String> cmd = new ArrayList<>();
    cmd.add(build.executable().toAbsolutePath().toString());
    cmd.add(runDir.resolve(IMAGE).toAbsolutePath().toString());
    cmd.add(runDir.resolve(SCORES).toAbsolutePath().toString());
    for (int i = 0; i < checks; i++) {
      cmd.add(runDir.resolve(cut(i)).toAbsolutePath().toString());
    }
    for (int i = 0; i < feeds; i++) {
      cmd.add(runDir.resolve(feed(i)).toAbsolutePath().toString());
    }
    for (AxiMemoryPort m : memories) {
      cmd.add(m.image().toAbsolutePath().toString());
    }
    for (AxiMemoryPort m : memories) {
      DdrModel d = m.ddr();
      cmd.addAll(List.of("--ddr-port", String.format(Locale.ROOT, "%d:%d:%d:%s:%d:%d:%d", m.imageBase(), d.latencyMin(),
          d.latencyMax(), Double.toString(d.bytesPerCycle()), d.rGapPercent(), d.arStallPercent(), d.maxOutstanding())));
    }
    cmd.addAll(List.of("--latency", String.valueOf(spec.latencyCycles()),
        "--error-rate", String.format(Locale.ROOT, "%.9g", spec.bitErrorRate()),
        "--seed", String.valueOf(spec.seed()), "--gap", String.valueOf(spec.inputGapPercent()),
        "--stall", String.valueOf(spec.outputStallPercent()), "--max-cycles", String.valueOf(maxCycles),
        "--deadlock-cycles", String.valueOf(spec.deadlockCycles())));
    return cmd;
  }

  private static String cut(int i) {
    return "cut" + i + ".expected.vec";
  }

  private static String feed(int i) {
    return "feed" + i + ".vec";
  }

  /** board{@code i}.fst, the name the driver gives board i's waveform. */
  public static String traceFile(int board) {
    return "board" + board + ".fst";
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
