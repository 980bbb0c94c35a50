package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shardwire.testing.TestPaths;

/**
 * Runs every {@code ./shardwire} command README.md shows, as its own JVM started the way the
 * launcher starts it, in a fresh working folder, and checks what a new user would see: the exit
 * code the README implies (2 where it shows an error), the first line it shows, and no escape codes.
 * {@code ./shardwire test} is this suite itself and is left out; {@code simulate} gets the tests'
 * Verilator cache so it reuses the build the cluster flow tests made, and runs a second time to
 * show that it says so.
 */
class ReadmeCommandsTest {
  private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

  @Test
  void theReadmeCommandsRunCleanly() throws Exception {
    Path cwd = TestPaths.freshDir("readme-commands");
    List<Readme.Example> examples = Readme.examples();
    List<String> ran = new ArrayList<>();
    for (Readme.Example e : examples) {
      List<String> args = new ArrayList<>(e.args());
      if (args.get(0).equals("test")) {
        continue;
      }
      if (args.get(0).equals("simulate")) {
        args.addAll(List.of("--build-cache", TestPaths.verilatorCache().toString()));
      }
      String shown = e.firstOutputLine();
      int expectedExit = shown.startsWith("shardwire " + args.get(0) + ":") ? 2 : 0;
      Result r = runCli(cwd, args);
      String what = String.join(" ", e.args());
      assertEquals(expectedExit, r.exitCode(), what + ":\n" + r.output());
      assertEquals(-1, CliRun.escapeAt(r.output()), what + " printed an escape code:\n" + r.output());
      if (!shown.isEmpty()) {
        String shownHead = shown.split(":")[0];
        assertTrue(r.output().startsWith(shownHead), what + ": README shows '" + shown + "', got:\n" + r.output());
      }
      ran.add(what);
      if (args.get(0).equals("simulate")) {
        Result again = runCli(cwd, args);
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().lines().findFirst().orElse("").endsWith("(Verilator build cached)"), again.output());
      }
    }
    assertTrue(ran.containsAll(List.of("generate", "doctor")), "ran " + ran);
    assertTrue(ran.stream().anyMatch(c -> c.startsWith("simulate")), "ran " + ran);
  }

  record Result(int exitCode, String output) {}

  /** java as the launcher starts it, stdout and stderr together; the launcher drops the incubator line too. */
  static Result runCli(Path cwd, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xss4m", "--add-modules", "jdk.incubator.vector", "-Dshardwire.repoRoot=" + TestPaths.repoRoot(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(20, TimeUnit.MINUTES), String.join(" ", args) + " timed out");
    String text = new String(out, StandardCharsets.UTF_8);
    if (text.startsWith(INCUBATOR_WARNING + "\n")) {
      text = text.substring(INCUBATOR_WARNING.length() + 1);
    }
    return new Result(p.exitValue(), text);
  }
}
