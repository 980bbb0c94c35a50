package org.shardwire.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.emit.AtomicOutput;
import org.shardwire.plan.Plan;
import org.shardwire.plan.PlanException;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Planner;
import org.shardwire.plan.Strategy;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.report.SimFile;
import org.shardwire.report.SweepPlots;
import org.shardwire.report.SweepRow;
import org.shardwire.report.SweepRows;
import org.shardwire.report.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./shardwire sweep}: plans every point of a sweep (models x board lists x clocks x
 * strategies x folding caps), optionally generating and simulating each, and writes
 * {@code sweep.csv} and SVG plots. The points come from a sweep file ({@code --spec}, e.g.
 * sweeps/resnet50-mkubos.json) or from the options. Maven profiles run the named sweeps
 * ({@code mvn -Psweep-resnet50 verify}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Plan (and with --simulate, generate and simulate) every point of a parameter sweep; writes "
        + "DIR/sweep.csv and SVG plots (fps vs boards, multiplier efficiency, resources per board, estimate vs "
        + "measured).")
public final class SweepCommand implements Callable<Integer> {
  @Option(names = "--spec", paramLabel = "FILE",
      description = "A sweep file (JSON: name, models, input_size, boards, clocks_mhz, strategies, "
          + "max_multipliers_per_engine, simulate, frames); see sweeps/*.json. Replaces the options below.")
  Path specFile;

  @Option(names = "--model", paramLabel = "NAME", split = ";",
      description = "Models to sweep (repeat the option or separate with ';').")
  List<String> models = new ArrayList<>();

  @Option(names = "--input-size", paramLabel = "HxW[xC]", description = "Input size for every model.")
  String inputSize;

  @Option(names = "--boards", paramLabel = "LIST", split = ";",
      description = "Board lists to sweep, repeat the option or separate with ';'; ID:A..B sweeps a count, "
          + "e.g. --boards mkubos-zu19eg:1..8.")
  List<String> boards = new ArrayList<>();

  @Option(names = "--clock-mhz", paramLabel = "F", split = ";", description = "Clocks to sweep (default: the boards').")
  List<Double> clocks = new ArrayList<>();

  @Option(names = "--strategy", paramLabel = "S", split = ";", description = "Strategies to sweep (default: pipeline).")
  List<String> strategies = new ArrayList<>();

  @Option(names = "--max-multipliers-per-engine", paramLabel = "N", split = ";",
      description = "Folding caps to sweep; 0 means no cap (default: 0).")
  List<Integer> caps = new ArrayList<>();

  @Option(names = "--simulate", description = "Also generate and simulate every point in Verilator (slow).")
  boolean simulate;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "2",
      description = "Frames per simulated point (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: sweep-out/<name>); replaced atomically.")
  Path out;

  @Option(names = "--build-cache", paramLabel = "DIR", description = "Verilator build cache for simulated points.")
  Path buildCache;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    SweepSpec sweep = sweepSpec();
    List<SweepSpec.Point> points = sweep.points();
    Path dir = out != null ? out : Path.of("sweep-out", sweep.name());
    PrintWriter w = spec.commandLine().getOut();
    w.println("sweep " + sweep.name() + ": " + points.size() + " points" + (sweep.simulate() ? ", each generated and "
        + "simulated (" + sweep.frames() + " frames)" : ""));
    w.flush();
    List<SweepRow> rows = new ArrayList<>();
    Map<String, QuantizedGraph> models = new HashMap<>();
    AtomicOutput.write(dir, staging -> {
      try (Progress progress = Progress.start("sweep " + sweep.name(), points.size(), "points")) {
        for (SweepSpec.Point p : points) {
          progress.message(p.model() + " on " + p.boards());
          SweepRow row = run(sweep, p, models, staging);
          rows.add(row);
          progress.step();
          if (!row.status().equals(SweepRow.OK)) {
            w.println("point " + p.index() + " (" + p.model() + " on " + p.boards() + "): " + row.status() + ": "
                + row.reason());
            w.flush();
          }
        }
      }
      SweepRows.write(rows, staging.resolve("sweep.csv"));
      SweepPlots.write(sweep.name(), rows, staging);
    });
    long ok = rows.stream().filter(r -> r.status().equals(SweepRow.OK)).count();
    w.println(String.format(Locale.ROOT, "%d of %d points planned%s; wrote %s: sweep.csv, %s", ok, rows.size(),
        sweep.simulate() ? " and simulated" : "", dir, String.join(", ", plotNames(dir))));
    w.flush();
    return 0;
  }

  private SweepSpec sweepSpec() {
    if (specFile != null) {
      if (!models.isEmpty() || !boards.isEmpty() || !clocks.isEmpty() || !strategies.isEmpty() || !caps.isEmpty()) {
        throw new UserInputException("--spec replaces --model, --boards, --clock-mhz, --strategy and "
            + "--max-multipliers-per-engine: give one or the other");
      }
      if (!Files.isRegularFile(specFile)) {
        throw new UserInputException("--spec " + specFile + ": no such file");
      }
      return SweepSpec.read(specFile);
    }
    if (models.isEmpty() || boards.isEmpty()) {
      throw new UserInputException("give --spec FILE, or at least one --model and one --boards");
    }
    try {
      return new SweepSpec("sweep", models, inputSize, boards, clocks, strategies, caps, simulate, frames);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage().replace("'models'", "--model").replace("'boards'", "--boards")
          .replace("'max_multipliers_per_engine'", "--max-multipliers-per-engine").replace("'clocks_mhz'",
              "--clock-mhz").replace("'frames'", "--frames"), e);
    }
  }

  /** Plans one point (and generates and simulates it when asked); a point that fails is a row, not an abort. */
  private SweepRow run(SweepSpec sweep, SweepSpec.Point p, Map<String, QuantizedGraph> models, Path dir) {
    BoardList list;
    Strategy strategy;
    PlanOptions options;
    try {
      list = BoardList.parse(p.boards(), BoardCatalog.builtIn());
      strategy = Strategy.parse(p.strategy());
      options = new PlanOptions(p.clockMhz() == null ? list.defaultClockMhz() : p.clockMhz(),
          p.cap() == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(p.cap()));
    } catch (IllegalArgumentException e) {
      throw new UserInputException("sweep point " + p.index() + " (" + p.boards() + "): " + e.getMessage(), e);
    }
    if (strategy != Strategy.PIPELINE) {
      return SweepRows.failed(p, SweepRow.FAILED, strategy.label() + " is not supported by sweep yet",
          list.boards().size());
    }
    QuantizedGraph q = models.computeIfAbsent(p.model() + "|" + sweep.inputSize(), k -> {
      ModelOptions o = new ModelOptions();
      o.model = p.model();
      o.inputSize = sweep.inputSize();
      return Int8Model.load(o);
    });
    Plan plan;
    try {
      plan = Planner.plan(q, list, options);
    } catch (PlanException e) {
      return SweepRows.failed(p, SweepRow.NO_FIT, e.getMessage().lines().findFirst().orElse(""), list.boards().size());
    }
    if (!sweep.simulate()) {
      return SweepRows.planned(p, plan, null);
    }
    Path point = dir.resolve("points").resolve(String.format(Locale.ROOT, "%03d", p.index()));
    SimFile sim = generateAndSimulate(sweep, p, point);
    return sim == null ? SweepRows.failed(p, SweepRow.FAILED, "generate or simulate failed: see "
        + dir.relativize(point).resolve("log.txt"), list.boards().size()) : SweepRows.planned(p, plan, sim);
  }

  /** The point's sim.json, or null when generate or simulate failed (their output is in point/log.txt). */
  private SimFile generateAndSimulate(SweepSpec sweep, SweepSpec.Point p, Path point) {
    try {
      Files.createDirectories(point);
      Path cluster = point.resolve("cluster");
      List<String> gen = new ArrayList<>(List.of("generate", "--model", p.model(), "--boards", p.boards(),
          "--strategy", p.strategy(), "--out", cluster.toString()));
      if (sweep.inputSize() != null) {
        gen.addAll(List.of("--input-size", sweep.inputSize()));
      }
      if (p.clockMhz() != null) {
        gen.addAll(List.of("--clock-mhz", String.valueOf(p.clockMhz())));
      }
      if (p.cap() > 0) {
        gen.addAll(List.of("--max-multipliers-per-engine", String.valueOf(p.cap())));
      }
      List<String> sim = new ArrayList<>(List.of("simulate", cluster.toString(), "--frames",
          String.valueOf(sweep.frames())));
      if (buildCache != null) {
        sim.addAll(List.of("--build-cache", buildCache.toString()));
      }
      try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(point.resolve("log.txt"), StandardCharsets.UTF_8))) {
        if (Main.run(log, log, gen.toArray(new String[0])) != 0) {
          return null;
        }
        int code = Main.run(log, log, sim.toArray(new String[0]));
        if (code != 0 && code != ExitCodes.NOT_BIT_EXACT) {
          return null;
        }
      }
      return SimFile.read(cluster.resolve(SimFile.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sweep point " + point, e);
    }
  }

  private static List<String> plotNames(Path dir) {
    List<String> names = new ArrayList<>();
    for (String f : List.of(SweepPlots.FPS, SweepPlots.EFFICIENCY, SweepPlots.RESOURCES, SweepPlots.ESTIMATE)) {
      if (Files.exists(dir.resolve(f))) {
        names.add(f);
      }
    }
    return names;
  }
}
