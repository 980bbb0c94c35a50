package org.shardwire.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shardwire.boards.BoardList;
import org.shardwire.emit.AtomicOutput;
import org.shardwire.emit.OutputTarget;
import org.shardwire.plan.Plan;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Planner;
import org.shardwire.plan.Strategy;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.report.JsonFiles;
import org.shardwire.report.PlanFile;
import org.shardwire.report.PlanTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./shardwire plan}: which layers go on which board, with cycles, resources and link traffic. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Split a model over boards: prints layers, cycles/frame, multipliers, memory blocks and link "
        + "traffic per board and the estimated frames/s; --out DIR also writes DIR/plan.json.")
public final class PlanCommand implements Callable<Integer> {
  @Mixin
  ModelOptions modelOptions;

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/plan.json (the folder is replaced atomically).")
  Path out;

  @Option(names = "--force", description = "Also replace an existing non-empty --out folder that Shardwire did not write.")
  boolean force;

  @Option(names = "--engines", description = "Also print every engine: folding, cycles, multipliers, memories.")
  boolean engines;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    BoardList boards = cluster.boardList();
    Strategy strategy = cluster.strategy();
    PlanOptions options = cluster.planOptions(boards);
    cluster.laneLatency();
    if (out != null) {
      OutputTarget.check(out, "--out", force);
    }
    QuantizedGraph q = Int8Model.load(modelOptions);
    Plan plan = Planner.plan(q, boards, options, strategy, cluster.laneLatency());
    cluster.warnAboutLinks(plan, spec.commandLine().getErr());
    PrintWriter w = spec.commandLine().getOut();
    w.print(PlanTable.boards(plan));
    if (engines) {
      w.print(PlanTable.engines(plan));
    }
    if (out != null) {
      AtomicOutput.write(out, "--out", force, dir -> JsonFiles.write(PlanFile.of(plan), dir.resolve(PlanFile.FILE)));
      w.println("wrote " + out.resolve("plan.json"));
    }
    w.flush();
    return 0;
  }
}
