package org.shardwire.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./shardwire}. Exit codes ({@link ExitCodes}): 0 success, 1 internal error,
 * 2 bad input, 3 simulated but not bit-exact.
 */
@Command(name = "shardwire", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Turns a CNN into Verilog for a cluster of FPGA boards.",
    subcommands = {
        GenerateCommand.class,
        SimulateCommand.class,
        BlocksCommand.class,
        CommandLine.HelpCommand.class,
        ModelCommand.class,
        PlanCommand.class,
        ReportCommand.class,
        SweepCommand.class,
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /** As {@link #run(String...)} with the command's output and errors sent to these writers (null: the console). */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler(new ErrorReporter());
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"shardwire " + org.shardwire.hdl.GeneratorStamp.version()};
    }
  }
}
