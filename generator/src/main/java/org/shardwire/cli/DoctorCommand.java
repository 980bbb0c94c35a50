package org.shardwire.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.shardwire.emit.AtomicOutput;
import org.shardwire.golden.ConvEngine;
import org.shardwire.sim.ProcessRunner;
import org.shardwire.sim.SimulationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./shardwire doctor}: says in under two minutes whether this install works. Checks the
 * tools (Java, Maven, Verilator, Tcl, yosys), the test models the fetch scripts keep (each script
 * checks its own pinned file with {@code --check}), then generates one tiny two-board cluster
 * (a Xilinx and an Intel board joined by a link) and builds and simulates it with a fresh
 * Verilator build, so the whole flow runs, not a cached copy of it.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check this install in under two minutes: Java, Maven, Verilator, Tcl, yosys, the fetched test "
        + "models, then one tiny cluster generated, built with Verilator and simulated bit-exact.",
        "Exit 0 when everything needed works, 4 when something is missing (each line says how to fix it)."})
public final class DoctorCommand implements Callable<Integer> {
  /** The tiny cluster: resnet8-cifar at 8x8, one Xilinx and one Intel board, 4 multipliers per engine. */
  static final List<String> TINY_CLUSTER = List.of("--model", "resnet8-cifar", "--input-size", "8x8",
      "--boards", "zcu102:1,f10a-a10gx1150:1", "--max-multipliers-per-engine", "4");
  private static final long TOOL_TIMEOUT_SECONDS = 60;
  private static final String FIX_TOOLS = "./shardwire test installs it (scripts/install-test-deps.sh)";

  @Spec
  CommandSpec spec;

  /** One line of the report: what was checked, what was found, whether the install needs it. */
  record Check(String name, boolean ok, boolean required, String detail) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    out.println("checking this install: tools, test data, one tiny cluster");
    out.flush();
    List<Check> checks = new ArrayList<>();
    for (Check c : toolChecks()) {
      checks.add(print(out, c));
    }
    for (Check c : modelChecks()) {
      checks.add(print(out, c));
    }
    checks.add(print(out, clusterCheck()));
    List<String> failed = failed(checks);
    String took = seconds(start);
    out.println(failed.isEmpty() ? "install OK (" + took + ")"
        : "install NOT OK (" + took + "): fix " + String.join(", ", failed));
    out.flush();
    return exitCode(checks);
  }

  /** The checks the install needs that failed (an optional tool's failure is only reported). */
  static List<String> failed(List<Check> checks) {
    return checks.stream().filter(c -> c.required() && !c.ok()).map(Check::name).toList();
  }

  /** 0, or {@link ExitCodes#INSTALL_NOT_OK} when a needed check failed (not 1: that means a Shardwire bug). */
  static int exitCode(List<Check> checks) {
    return failed(checks).isEmpty() ? ExitCodes.OK : ExitCodes.INSTALL_NOT_OK;
  }

  private static Check print(PrintWriter out, Check c) {
    out.printf(Locale.ROOT, "  %-9s %-4s %s%n", c.name(), c.ok() ? "ok" : c.required() ? "FAIL" : "--", c.detail());
    out.flush();
    return c;
  }

  static List<Check> toolChecks() {
    Runtime.Version v = Runtime.version();
    String vector = ConvEngine.vectorAvailable() ? "Vector API on (fast golden model)"
        : "Vector API off: the golden model runs its scalar engine (start java with --add-modules jdk.incubator.vector;"
            + " ./shardwire does)";
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("java", v.feature() >= 17, true, v + " (" + System.getProperty("java.vendor") + "), " + vector));
    checks.add(tool("maven", true, List.of("mvn", "-B", "-v"), "install Maven 3.8+ (sudo apt-get install -y maven)"));
    checks.add(tool("verilator", true, List.of("verilator", "--version"), FIX_TOOLS));
    checks.add(tool("tcl", true, List.of("tclsh", scriptFile("puts \"tclsh [info patchlevel]\"")), FIX_TOOLS));
    checks.add(tool("yosys", false, List.of("yosys", "-V"),
        "optional: the suite does not need it (sudo apt-get install -y yosys)"));
    return checks;
  }

  /** Runs a tool's version command; the first output line is the detail. */
  private static Check tool(String name, boolean required, List<String> cmd, String fix) {
    try {
      ProcessRunner.Output o = ProcessRunner.run(cmd, Path.of("."), TOOL_TIMEOUT_SECONDS);
      String first = stripAnsi(o.text()).strip().lines().findFirst().orElse("");
      return o.exitCode() == 0 ? new Check(name, true, required, first)
          : new Check(name, false, required, cmd.get(0) + " exits " + o.exitCode() + ": " + first + "; " + fix);
    } catch (SimulationException e) {
      return new Check(name, false, required, cmd.get(0) + " not found on PATH; " + fix);
    }
  }

  /** Each scripts/fetch-*.sh checks its own pinned download with --check (one owner for each checksum). */
  static List<Check> modelChecks() {
    String root = System.getProperty("shardwire.repoRoot");
    if (root == null) {
      return List.of(new Check("models", false, true,
          "cannot find the repository (run ./shardwire doctor from it: the launcher says where it is)"));
    }
    List<Path> scripts;
    try (Stream<Path> s = Files.list(Path.of(root, "scripts"))) {
      scripts = s.filter(p -> p.getFileName().toString().matches("fetch-.*\\.sh")).sorted().toList();
    } catch (IOException e) {
      return List.of(new Check("models", false, true, "cannot list " + root + "/scripts: " + e.getMessage()));
    }
    List<Check> checks = new ArrayList<>();
    for (Path script : scripts) {
      String what = script.getFileName().toString().replaceFirst("^fetch-", "").replaceFirst("\\.sh$", "");
      ProcessRunner.Output o = ProcessRunner.run(List.of("bash", script.toString(), "--check"), Path.of(root),
          TOOL_TIMEOUT_SECONDS);
      String text = stripAnsi(o.text()).strip().replace('\n', ' ');
      checks.add(o.exitCode() == 0 ? new Check("models", true, true, what + ": " + text)
          : new Check("models", false, true, what + ": " + text + "; ./shardwire test fetches it"));
    }
    return checks;
  }

  /** Generates, builds (fresh Verilator cache) and simulates the tiny cluster in a temporary folder. */
  private static Check clusterCheck() {
    String what = "resnet8-cifar 8x8 on zcu102:1,f10a-a10gx1150:1";
    Path tmp;
    try {
      tmp = Files.createTempDirectory("shardwire-doctor-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
    try {
      long start = System.nanoTime();
      Path dir = tmp.resolve("cluster");
      List<String> generate = new ArrayList<>(List.of("generate"));
      generate.addAll(TINY_CLUSTER);
      generate.addAll(List.of("--out", dir.toString()));
      StringWriter log = new StringWriter();
      if (runQuietly(log, generate) != 0) {
        return new Check("cluster", false, true, what + ": generate failed:\n" + log);
      }
      String generated = seconds(start);
      start = System.nanoTime();
      if (runQuietly(log, List.of("simulate", dir.toString(), "--frames", "2", "--build-cache",
          tmp.resolve("verilator-cache").toString())) != 0) {
        return new Check("cluster", false, true, what + ": simulate failed:\n" + log);
      }
      return new Check("cluster", true, true, what + ": generated in " + generated + ", built with Verilator and "
          + "simulated in " + seconds(start) + ", 2 frames bit-exact");
    } finally {
      try {
        AtomicOutput.deleteTree(tmp);
      } catch (IOException e) {
        System.err.println("shardwire doctor: could not delete " + tmp + ": " + e.getMessage());
      }
    }
  }

  /** Runs one CLI command in this JVM with its output going to {@code log} (shown only on failure). */
  private static int runQuietly(StringWriter log, List<String> args) {
    CommandLine cli = Main.commandLine();
    PrintWriter w = new PrintWriter(log);
    cli.setOut(w);
    cli.setErr(w);
    int rc = cli.execute(args.toArray(String[]::new));
    w.flush();
    return rc;
  }

  private static String scriptFile(String tcl) {
    try {
      Path f = Files.createTempFile("shardwire-doctor-", ".tcl");
      f.toFile().deleteOnExit();
      return Files.writeString(f, tcl + "\n").toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary Tcl script", e);
    }
  }

  static String stripAnsi(String s) {
    return s.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "");
  }

  private static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
