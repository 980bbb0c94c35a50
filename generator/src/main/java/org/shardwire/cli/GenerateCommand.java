package org.shardwire.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.shardwire.boards.BoardList;
import org.shardwire.emit.AtomicOutput;
import org.shardwire.emit.ClusterEmitter;
import org.shardwire.emit.FolderChecksums;
import org.shardwire.emit.OutputTarget;
import org.shardwire.plan.Plan;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Planner;
import org.shardwire.plan.Strategy;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.report.JsonFiles;
import org.shardwire.report.PlanFile;
import org.shardwire.report.PlanTable;
import org.shardwire.report.ReportPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./shardwire generate}: model -> int8 -> plan -> per-board Verilog, weights,
 * constraints, vendor scripts and the cluster simulation harness, all in one output folder
 * written atomically. With no options: resnet8-cifar over two ZCU102 boards.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a cluster: plan.json, board<i>/ (rtl, weights, constraints, vendor script), sim/.")
public final class GenerateCommand implements Callable<Integer> {
  static final String DEFAULT_MODEL = "resnet8-cifar";

  @Mixin
  ModelOptions modelOptions;

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (default: rtl-out/<model>-<boards>); written atomically. An existing folder is "
          + "replaced only when an earlier Shardwire run wrote it.")
  Path out;

  @Option(names = "--force", description = "Also replace an existing non-empty folder that Shardwire did not write.")
  boolean force;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (modelOptions.model == null && modelOptions.onnx == null) {
      modelOptions.model = DEFAULT_MODEL;
    }
    BoardList boards = cluster.boardList();
    Strategy strategy = cluster.strategy();
    PlanOptions options = cluster.planOptions(boards);
    int laneLatency = cluster.laneLatency();
    Path dir = out != null ? out : Path.of("rtl-out", modelOptions.name() + "-" + boards.spec().replace(':', 'x')
        .replace(',', '_'));
    OutputTarget.check(dir, "--out", force); // before the long work: a refused folder costs nothing
    QuantizedGraph q = Int8Model.load(modelOptions);
    Plan plan = Planner.plan(q, boards, options, strategy, laneLatency);
    cluster.warnAboutLinks(plan, spec.commandLine().getErr());
    String source = JsonFiles.write(ModelSource.of(modelOptions));
    String planJson = PlanFile.write(plan);
    ClusterEmitter.Written[] written = new ClusterEmitter.Written[1];
    AtomicOutput.write(dir, "--out", force, staging -> {
      try (GenerateProgress progress = new GenerateProgress()) {
        written[0] = ClusterEmitter.write(q, plan, planJson, boards, source, staging, progress);
      }
      org.shardwire.report.DdrImageFiles.writeBoards(staging, written[0].lowered(), boards);
      ModelSource.copyModel(modelOptions, staging);
      ReportPage.write(staging);
      FolderChecksums.write(staging, List.of()); // last: it records every file written above
    });

    PrintWriter w = spec.commandLine().getOut();
    w.print(PlanTable.boards(plan));
    w.println();
    int n = written[0].boards().size();
    w.println("wrote " + dir + ": plan.json, report.html, " + n + (n == 1 ? " board (" : " boards (")
        + String.join(", ", written[0].vendorScripts()) + "), sim/");
    w.println("simulate it:  ./shardwire simulate " + dir + " --frames 2");
    w.flush();
    return 0;
  }
}
