package org.shardwire.cli;

import picocli.CommandLine;

/**
 * Maps failures to the exit-code contract: bad input (a {@link UserInputException}, an invalid
 * config record, a bad option) prints one clear message and exits 2; anything else is an internal
 * failure, printed with its stack trace, exit 1.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (isBadInput(e)) {
      cmd.getErr().println(prefix(cmd) + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    cmd.getErr().println(prefix(cmd) + "internal error: " + e);
    e.printStackTrace(cmd.getErr());
    return ExitCodes.INTERNAL;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr().println(prefix(cmd) + e.getMessage());
    cmd.getErr().println("(see ./" + cmd.getCommandSpec().qualifiedName() + " --help)");
    return ExitCodes.BAD_INPUT;
  }

  private static String prefix(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName() + ": ";
  }

  /**
   * Invalid configs throw IllegalArgumentException from their compact constructors; a file the
   * file system will not let us read or write (read-only folder, disk full, a folder given as a
   * file) is the user's to fix too, and its message names the file.
   */
  static boolean isBadInput(Throwable e) {
    return e instanceof UserInputException || e instanceof IllegalArgumentException
        || e instanceof java.io.UncheckedIOException;
  }
}
