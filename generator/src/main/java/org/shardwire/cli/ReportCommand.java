package org.shardwire.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shardwire.report.PlanFile;
import org.shardwire.report.ReportPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./shardwire report DIR}: writes DIR/report.html from DIR/plan.json and, when the cluster
 * was simulated, DIR/sim.json. {@code generate} and {@code simulate} write it too.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write DIR/report.html (plan, balance, resources, links, DDR, simulation) from DIR/plan.json "
        + "and DIR/sim.json; one self-contained file that opens offline.")
public final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "A folder written by ./shardwire generate (or plan --out).")
  Path dir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(dir.resolve(PlanFile.FILE))) {
      throw new UserInputException(dir + " has no " + PlanFile.FILE + ": run ./shardwire generate --out " + dir
          + " first");
    }
    Path out = ReportPage.write(dir);
    PrintWriter w = spec.commandLine().getOut();
    w.println("wrote " + out);
    w.flush();
    return 0;
  }
}
