package org.shardwire.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.emit.ClusterHarness;
import org.shardwire.emit.ClusterVectors;
import org.shardwire.emit.FolderChecksums;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.ImageInput;
import org.shardwire.plan.Plan;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.report.JsonFiles;
import org.shardwire.report.PlanFile;
import org.shardwire.report.ReportPage;
import org.shardwire.report.SimFile;
import org.shardwire.sim.AxiMemoryPort;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.ClusterResult;
import org.shardwire.sim.ClusterSimulator;
import org.shardwire.sim.ClusterSpec;
import org.shardwire.sim.VerilatorBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./shardwire simulate DIR}: runs a generated cluster in Verilator (every board, every
 * link through the channel model) on N images and checks the scores and every cut tensor bit for
 * bit against the golden model; writes DIR/sim.json and prints measured against estimated
 * cycles. Exit 0 when bit-exact, 3 when not ({@link ExitCodes}).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Simulate a generated cluster against the golden model; writes DIR/sim.json.")
public final class SimulateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "A folder written by ./shardwire generate.")
  Path dir;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "2",
      description = "Images to stream (default: ${DEFAULT-VALUE}; 2 or more measure the steady-state cycles per frame).")
  int frames;

  @Option(names = "--latency", paramLabel = "CYCLES", defaultValue = "100",
      description = "Latency of every serial lane in cycles (default: ${DEFAULT-VALUE}).")
  int latency;

  @Option(names = "--bit-error-rate", paramLabel = "P", defaultValue = "0",
      description = "Chance that a lane word arrives with flipped bits (default: ${DEFAULT-VALUE}).")
  double bitErrorRate;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "7",
      description = "Seed of the images, the channel errors and the back-pressure (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--max-cycles", paramLabel = "N", defaultValue = "200000000",
      description = "Give up after this many cycles (default: ${DEFAULT-VALUE}).")
  long maxCycles;

  @Option(names = "--image", paramLabel = "FILE", arity = "1..*",
      description = "Pictures (PNG/JPEG) to push through the cluster instead of seeded images, one frame each; "
          + "prints each one's top classes beside the golden model's and ONNX Runtime's float ranking (resized and "
          + "scaled as docs/images.md says).")
  List<Path> images = new ArrayList<>();

  @Option(names = "--trace",
      description = "Also write waveforms, one FST per board in DIR/sim/run/trace/: the run is repeated with a "
          + "traced Verilator build, dumping the window around the first mismatch (see --trace-window), the last "
          + "cycles before a deadlock, or the whole of a bit-exact run.")
  boolean trace;

  @Option(names = "--trace-window", paramLabel = "BEFORE:AFTER", defaultValue = "1000:100",
      description = "With --trace: cycles dumped before and after the first mismatch (default: ${DEFAULT-VALUE}).")
  String traceWindow;

  @Option(names = "--trace-cycles", paramLabel = "FROM:TO",
      description = "With --trace: dump cycles FROM to TO whatever the run found (a steady state to see where "
          + "cycles go; at seed scale a whole run is millions of cycles and gigabytes of waveform).")
  String traceCycles;

  @Option(names = "--board", paramLabel = "K",
      description = "Simulate board K alone (0 = the first): fed the tensors it reads in the cluster, checked on "
          + "everything it sends, its cycles per frame measured against its own estimate; writes DIR/sim-board<K>.json "
          + "instead of sim.json (docs/board-simulation.md).")
  Integer board;

  @Option(names = "--ddr-latency", paramLabel = "CYCLES|MIN..MAX", defaultValue = "40..80",
      description = "Read latency of the simulated DDR of a board whose weights stream: cycles from a read request "
          + "to its first data beat, fixed or drawn per burst from MIN..MAX with --seed (default: ${DEFAULT-VALUE}).")
  String ddrLatency;

  @Option(names = "--ddr-bytes-per-cycle", paramLabel = "B",
      description = "Bandwidth of the simulated DDR in bytes per cycle (default: the board's DDR bank as the catalog "
          + "states it at the plan's clock; 16 on mkubos-zu19eg and zcu102 at 200 MHz). A rate below what the plan "
          + "counts on shows as a measured II above the estimate.")
  Double ddrBytesPerCycle;

  @Option(names = "--build-cache", paramLabel = "DIR",
      description = "Where Verilator builds are kept and reused (default: ~/.cache/shardwire/verilator).")
  Path buildCache;

  @Spec
  CommandSpec spec;

  /**
   * About the cycles a run takes, to choose its build: the frames at the plan's II, plus the
   * first frame's way through every board (at most an II each).
   */
  static long expectedCycles(Plan plan, int frames) {
    return (frames + plan.boards().size()) * plan.cyclesPerFrame();
  }

  /**
   * The deadlock window of a run of {@code boards}: the longest that one of them, working, may take
   * or emit no word. An engine that keeps whole frames (a weight-tile conv, a global pool) is silent
   * while it fills and computes, at most its II, so a board is quiet for at most the sum of its
   * engines' cycles per frame; twice that leaves room for what those figures leave out (links,
   * FIFOs, a DDR or a source slower than the plan). Never below the driver's default. ResNet-50's
   * board 3 with its two weight-tile convs in series is quiet for ~3 M cycles (bench/RESULTS.md):
   * the default window of 1 M called it a deadlock.
   */
  static long deadlockCycles(Plan plan, List<Integer> boards) {
    long quietest = 0;
    for (int b : boards) {
      quietest = Math.max(quietest, plan.boards().get(b).engines().stream().mapToLong(e -> e.cycles()).sum());
    }
    return Math.max(ClusterSpec.DEFAULT_DEADLOCK_CYCLES, 2 * quietest);
  }

  /** The cycles --trace-cycles asks for, or null (then the run chooses its window). */
  private ClusterSimulator.TraceSpan traceSpan() {
    if (traceCycles == null) {
      return null;
    }
    if (!trace) {
      throw new UserInputException("--trace-cycles needs --trace (it says which cycles the waveforms hold)");
    }
    try {
      return ClusterSimulator.TraceSpan.parse(traceCycles);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--trace-cycles: " + e.getMessage(), e);
    }
  }

  /**
   * Repeats a finished run with the traced build for the harness's {@code instances} and prints
   * where the waveforms went ({@code what}: "" for the cluster, " board K" for one board alone);
   * cycles outside the run are the user's to change (exit 2).
   */
  static void retrace(PrintWriter w, String what, ClusterSimulator simulator, ClusterHarness harness, ClusterSpec spec,
      ClusterSimulator.Run run, BoardSimulation.Tracing tracing, List<Integer> instances, int frames) {
    w.println("tracing" + what + ": repeating the run with the traced Verilator build"
        + (simulator.isBuilt(harness, true) ? " (cached)" : " (building it first)"));
    w.flush();
    ClusterSimulator.Trace t;
    try (SimulationProgress progress = new SimulationProgress(w, frames)) {
      t = simulator.trace(harness, spec, run, tracing.window(), tracing.span(), instances, progress);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--trace-cycles: " + e.getMessage(), e);
    }
    w.println((run.result().passed() ? "" : "NOT bit-exact: ") + t.describe());
  }

  @Override
  public Integer call() {
    if (frames < 1 || frames > 10_000) {
      throw new UserInputException("--frames must be in 1..10000, got " + frames);
    }
    ClusterSpec run;
    try {
      run = new ClusterSpec(latency, bitErrorRate, 0, 0, maxCycles, seed);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
    if (buildCache != null && Files.exists(buildCache) && !Files.isDirectory(buildCache)) {
      throw new UserInputException("--build-cache " + buildCache + " is a file; give a folder for the Verilator builds");
    }
    ClusterSimulator.TraceWindow window;
    try {
      window = ClusterSimulator.TraceWindow.parse(traceWindow);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--trace-window: " + e.getMessage(), e);
    }
    ClusterSimulator.TraceSpan span = traceSpan();
    SimulatedDdr.Latency ddrTiming = SimulatedDdr.Latency.parse(ddrLatency);
    if (ddrBytesPerCycle != null && !(ddrBytesPerCycle > 0 && ddrBytesPerCycle <= 1024)) {
      throw new UserInputException("--ddr-bytes-per-cycle must be in (0, 1024], got " + ddrBytesPerCycle);
    }
    checkFolder();
    ModelOptions source = ModelSource.read(dir);
    QuantizedGraph q = Int8Model.load(source);
    Plan plan = readPlan();
    BoardList boards = BoardList.parse(plan.boardsSpec(), BoardCatalog.builtIn());
    List<Vendor> vendors = boards.boards().stream().map(Board::vendor).toList();
    List<FloatTensor> pictures = new ArrayList<>();
    for (Path image : images) {
      try {
        pictures.add(ImageInput.read(image, q.graph().inputShape()));
      } catch (IllegalArgumentException e) {
        throw new UserInputException("--image " + e.getMessage(), e);
      }
    }
    if (!pictures.isEmpty()) {
      frames = pictures.size();
    }
    if (board != null) {
      BoardSimulation.check(board, plan, dir);
    }
    run = run.withDeadlockCycles(deadlockCycles(plan, board != null ? List.of(board)
        : IntStream.range(0, plan.boards().size()).boxed().toList()));
    ClusterVectors vectors = pictures.isEmpty() ? ClusterVectors.of(q, plan, vendors, frames, seed)
        : ClusterVectors.of(q, plan, vendors, pictures);
    ClusterHarness harness = ClusterHarness.read(dir.resolve("sim"));
    if (trace && !ClusterSimulator.canTrace(harness)) {
      throw new UserInputException("--trace: " + dir + " was generated before simulate --trace existed; run "
          + "./shardwire generate again");
    }

    PrintWriter w = spec.commandLine().getOut();
    Path runDir = dir.resolve("sim").resolve("run");
    BuildContext ctx = BuildContext.detect(buildCache != null ? buildCache : cacheDir(),
        board != null ? runDir.resolve("board" + board) : runDir, seed);
    ClusterSimulator simulator = new ClusterSimulator(ctx,
        VerilatorBuilder.Optimisation.forRun(expectedCycles(plan, frames)));
    if (board != null) {
      return BoardSimulation.run(board, plan, vectors, run, frames, dir, simulator,
          h -> SimulatedDdr.of(h, dir, boards, plan.clockMhz(), ddrTiming, ddrBytesPerCycle),
          trace ? new BoardSimulation.Tracing(window, span) : null, w) ? ExitCodes.OK : ExitCodes.NOT_BIT_EXACT;
    }
    w.println("simulating " + plan.model() + " on " + plan.boardsSpec() + ": " + frames
        + (frames == 1 ? " frame" : " frames") + ", lane latency " + latency + " cycles, bit error rate " + bitErrorRate
        + (simulator.isBuilt(harness) ? " (Verilator build cached)" : " (building with Verilator first)"));
    List<AxiMemoryPort> ddr = SimulatedDdr.of(harness, dir, boards, plan.clockMhz(), ddrTiming,
        ddrBytesPerCycle);
    SimulatedDdr.describe(w, harness, ddr);
    w.flush();
    ClusterSimulator.Run first;
    try (SimulationProgress progress = new SimulationProgress(w, frames)) {
      first = simulator.run(harness, run, vectors.image(), vectors.scores(), vectors.cuts(), List.of(), ddr, progress);
    }
    ClusterResult r = first.result();
    JsonFiles.write(SimFile.of(plan, run, frames, harness, ddr, r), dir.resolve(SimFile.FILE));
    ReportPage.write(dir);
    report(w, plan, r);
    SimulatedDdr.report(w, r.result().report());
    if (trace) {
      retrace(w, "", simulator, harness, run, first, new BoardSimulation.Tracing(window, span),
          IntStream.range(0, harness.boards()).boxed().toList(), frames);
    }
    if (!pictures.isEmpty()) {
      try (OrtRanking ort = OrtRanking.of(source, source.load())) {
        for (int i = 0; i < pictures.size(); i++) {
          w.println(images.get(i) + ": top classes, cluster " + (r.passed() ? "(bit-exact, so the golden's) " : "(NOT "
              + "bit-exact: see above) ") + TopClasses.int8(q, pictures.get(i), 5) + "; float model "
              + TopClasses.float32(q, pictures.get(i), 5) + "; ONNX Runtime " + ort.top(pictures.get(i), 5));
        }
        w.println("ONNX Runtime ran " + ort.source());
      }
    }
    w.println("wrote " + dir.resolve(SimFile.FILE) + " and " + dir.resolve(ReportPage.FILE));
    w.flush();
    return r.passed() ? ExitCodes.OK : ExitCodes.NOT_BIT_EXACT;
  }

  /**
   * The folder must be what generate wrote (else a mismatch would blame the hardware for an edit)
   * and writable (sim.json, sim/run), both checked before the long Verilator build.
   */
  private void checkFolder() {
    if (!Files.isDirectory(dir)) {
      throw new UserInputException(dir + " is not a folder: give the folder ./shardwire generate wrote (its --out)");
    }
    if (!Files.isRegularFile(dir.resolve(ModelSource.FILE))) {
      throw new UserInputException(dir + " is not a generated cluster (no " + ModelSource.FILE
          + "): run ./shardwire generate --out " + dir + " first");
    }
    List<String> changed = FolderChecksums.verify(dir);
    if (!changed.isEmpty()) {
      throw new UserInputException(dir + " is not what ./shardwire generate wrote, so it is not simulated: "
          + String.join("; ", changed.subList(0, Math.min(10, changed.size())))
          + (changed.size() > 10 ? "; and " + (changed.size() - 10) + " more" : "")
          + ". Run ./shardwire generate again to rebuild it.");
    }
    for (Path p : new Path[] {dir, dir.resolve("sim")}) {
      if (!Files.isWritable(p)) {
        throw new UserInputException(p + " is not writable: simulate writes sim.json and sim/run/ there");
      }
    }
  }

  private Plan readPlan() {
    Path file = dir.resolve(PlanFile.FILE);
    if (!Files.exists(file)) {
      throw new UserInputException(dir + " has no " + PlanFile.FILE + ": run ./shardwire generate --out " + dir);
    }
    return PlanFile.read(file);
  }

  private static void report(PrintWriter w, Plan plan, ClusterResult r) {
    w.println(r.passed() ? "bit-exact: every score and every cut tensor matches the golden model"
        : "NOT bit-exact: " + r.result().mismatches() + " mismatches" + (r.result().timedOut() ? ", timed out" : "")
            + (r.result().deadlocked() ? ", DEADLOCK" : ""));
    for (String l : r.result().mismatchLines()) {
      w.println("  " + l);
    }
    double ii = r.cyclesPerFrame();
    w.println(String.format(Locale.ROOT, "cycles per frame: measured %s, estimated %d%s",
        Double.isNaN(ii) ? "n/a (needs 2+ frames)" : String.format(Locale.ROOT, "%.0f", ii), plan.cyclesPerFrame(),
        Double.isNaN(ii) ? "" : String.format(Locale.ROOT, " (%+.1f%%)", 100 * (ii / plan.cyclesPerFrame() - 1))));
    w.println("latency: " + r.latencyCycles() + " cycles (first image word to last score word)");
  }

  /** Verilator builds are cached per user, so an unchanged cluster is not rebuilt. */
  static Path cacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("shardwire").resolve("verilator");
  }
}
