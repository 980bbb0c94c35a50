package org.shardwire.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
        DoctorCommand.class,
        TestCommand.class,
        ReportCommand.class,
        SweepCommand.class,
    })
public final class Main implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /** As {@link #run(String...)} with the command's output and errors sent to these writers (null: the console). */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    if (args.length > 0 && !args[0].startsWith("-") && !cli.getSubcommands().containsKey(args[0])) {
      // Checked before parsing: picocli would let "--help" after an unknown word print the main help, exit 0.
      return unknownCommand(cli, args[0]);
    }
    return cli.execute(args);
  }

  /** The configured command line: plain-text help (no ANSI codes), the exit-code contract. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    // Help text is read in terminals, logs and CI: never colour escape codes.
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler(new ErrorReporter());
    return cli;
  }

  /** No command given: list the commands, exit 2. */
  @Override
  public Integer call() {
    return unknownCommand(spec.commandLine(), null);
  }

  private static int unknownCommand(CommandLine cli, String given) {
    cli.getErr().println((given == null ? "shardwire: a command is needed" : "shardwire: unknown command '" + given + "'")
        + "; commands: " + commands(cli));
    cli.getErr().println("(see ./shardwire --help)");
    cli.getErr().flush();
    return ExitCodes.BAD_INPUT;
  }

  static String commands(CommandLine cli) {
    return String.join(", ", cli.getSubcommands().keySet());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"shardwire " + org.shardwire.hdl.GeneratorStamp.version()};
    }
  }
}
