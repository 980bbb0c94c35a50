package org.shardwire.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.shardwire.golden.VectorFile;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.templates.TemplateRenderer;

/**
 * Simulates every board of a cluster in one Verilator model: a generated cluster top holds the
 * board tops, a generated C++ harness feeds the image, joins the link lanes through the channel
 * model (sim/shardwire_channel.h) and checks the scores and every cut tensor against the golden
 * model's vectors.
 */
public final class ClusterSimulator {
  private static final long RUN_TIMEOUT_SECONDS = 6 * 3600;
  private static final long PROGRESS_INTERVAL = 200_000;
  private final BuildContext ctx;
  private final TemplateRenderer templates = new TemplateRenderer();
  private final VerilatorBuilder builder;

  public ClusterSimulator(BuildContext ctx) {
    this.ctx = ctx;
    this.builder = new VerilatorBuilder(ctx, templates);
  }

  /** A finished cluster run. */
  public record Run(ClusterResult result, VerilatorBuilder.Build build, Path runDir) {}

  /**
   * @param image board 0's input beats (tdata, tlast), all frames back to back
   * @param scores the last board's expected output beats (tdata, tlast)
   * @param cuts for every board but the last, the expected beats of the tensor it sends on
   * @param progress receives the harness's progress lines as the run goes
   */
  public Run run(ClusterSpec spec, List<List<BigInteger>> image, List<List<BigInteger>> scores,
      List<List<List<BigInteger>>> cuts, String stamp, Consumer<String> progress) {
    if (cuts.size() != spec.boards().size() - 1) {
      throw new IllegalArgumentException(spec.boards().size() + " boards need " + (spec.boards().size() - 1)
          + " cut tensors, got " + cuts.size());
    }
    try {
      Path runDir = Files.createDirectories(ctx.workDir());
      ClusterView view = view(spec, stamp);
      Path clusterTop = runDir.resolve("cluster_top.v");
      Files.writeString(clusterTop, templates.render("verilator/cluster_top.v.vm", view));
      List<Path> files = new ArrayList<>();
      Set<Path> init = new LinkedHashSet<>();
      for (EmittedDesign b : spec.boards()) {
        files.addAll(b.verilogFiles());
        init.addAll(b.memoryInitFiles());
      }
      files.add(clusterTop);
      EmittedDesign cluster = new EmittedDesign("cluster_top", files, List.copyOf(init));
      VerilatorBuilder.Build build = builder.build(cluster,
          templates.render("verilator/cluster_driver.cpp.vm", view));
      for (Path p : init) {
        Files.copy(p, runDir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> cmd = new ArrayList<>();
      cmd.add(build.executable().toAbsolutePath().toString());
      cmd.add(write(runDir, "image.vec", image));
      cmd.add(write(runDir, "scores.expected.vec", scores));
      for (int i = 0; i < cuts.size(); i++) {
        cmd.add(write(runDir, "cut" + i + ".expected.vec", cuts.get(i)));
      }
      return new Run(runStreaming(cmd, runDir, progress), build, runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the cluster run in " + ctx.workDir(), e);
    }
  }

  private ClusterView view(ClusterSpec spec, String stamp) {
    List<ClusterView.BoardView> boards = new ArrayList<>();
    List<String> declarations = new ArrayList<>();
    List<String> status = new ArrayList<>();
    List<ClusterView.CutView> cuts = new ArrayList<>();
    List<ClusterView.LinkView> links = new ArrayList<>();
    int last = spec.boards().size() - 1;
    int outputWidth = 0;
    for (int i = 0; i <= last; i++) {
      EmittedDesign b = spec.boards().get(i);
      List<String> connections = new ArrayList<>();
      for (EmittedDesign.Port p : b.ports()) {
        if (p.name().equals("clk") || p.name().equals("rst")) {
          continue;
        }
        String outer = "b" + i + "_" + p.name();
        String range = p.width() > 1 ? "[" + (p.width() - 1) + ":0] " : "";
        declarations.add((p.input() ? "input  wire " : "output wire ") + range + outer);
        connections.add("." + p.name() + "(" + outer + ")");
        if (p.name().startsWith("stat_")) {
          status.add(outer);
        }
        if (i == last && p.name().equals("m_axis_tdata")) {
          outputWidth = p.width();
        }
        if (i < last && p.name().equals("mon_tdata")) {
          cuts.add(new ClusterView.CutView(i, 3 + i, p.width()));
        }
      }
      boards.add(new ClusterView.BoardView(i, b.topModule(), connections));
      if (i < last) {
        links.add(new ClusterView.LinkView(i, i, i + 1, ctx.seed() * 31 + 2L * i + 1, ctx.seed() * 31 + 2L * i + 2));
      }
    }
    if (outputWidth == 0 || cuts.size() != last) {
      throw new IllegalArgumentException("cluster boards must have m_axis (last board) and mon_* ports (the others)");
    }
    return new ClusterView(stamp, boards, declarations, cuts, links, status, outputWidth, ctx.seed(),
        spec.maxCycles(), spec.latencyCycles(), String.format(Locale.ROOT, "%.9g", spec.bitErrorRate()),
        spec.inputGapPercent(), spec.outputStallPercent(), 4, 256, PROGRESS_INTERVAL, spec.frames());
  }

  private static String write(Path dir, String name, List<List<BigInteger>> beats) {
    Path p = dir.resolve(name);
    VectorFile.write(p, beats);
    return p.toAbsolutePath().toString();
  }

  /** Runs the harness, passing PROGRESS lines on as they come and keeping everything else. */
  private static ClusterResult runStreaming(List<String> cmd, Path dir, Consumer<String> progress) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    StringBuilder log = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("PROGRESS ")) {
          progress.accept(line.substring("PROGRESS ".length()));
        } else {
          log.append(line).append('\n');
        }
      }
    }
    try {
      if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new SimulationException("cluster harness timed out after " + RUN_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SimulationException("interrupted while running the cluster harness", e);
    }
    return ClusterResult.parse(p.exitValue(), log.toString());
  }
}
