package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shardwire.testing.TestPaths;

/**
 * The data-loss case of issue 10: {@code ./shardwire generate --out .} inside a clone used to delete
 * the clone, {@code .git} included. Here the CLI runs as its own process in a scratch
 * {@code git clone} of this repository (so a failure of the guard costs a scratch copy, not the
 * work tree), once per way of naming the clone or a folder above it.
 */
class OutInsideACloneTest {

  @Test
  void generateInsideACloneRefusesTheCloneAndLeavesItIntact() throws Exception {
    Path scratch = TestPaths.freshDir("clone-guard");
    Path home = Files.createDirectories(scratch.resolve("home"));
    Path clone = home.resolve("clone");
    // --no-hardlinks: a local clone shares object files with the source repository, whose own git
    // commands may touch them (and their times) while this test watches the clone.
    run(scratch, List.of("git", "clone", "-q", "--no-hardlinks", TestPaths.repoRoot().toString(), clone.toString()),
        Map.of());
    // git status first: it may refresh .git/index, which would count as a change below.
    String status = run(clone, List.of("git", "status", "--porcelain"), Map.of()).out();
    Map<String, String> before = CliRun.snapshot(clone);

    String[][] outs = {{"."}, {""}, {".."}, {"./"}, {"generator/.."}, {home.toString()}, {clone.toString()},
        {clone.resolve(".git").toString()}};
    for (String[] out : outs) {
      boolean dot = out[0].isEmpty() || out[0].equals(".");
      for (String command : dot ? new String[] {"generate", "plan", "blocks"} : new String[] {"generate"}) {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
            "-Duser.home=" + home, Main.class.getName(), command, "--out", out[0]));
        if (command.equals("plan")) {
          cmd.addAll(List.of("--model", "resnet8-cifar"));
        }
        cmd.add("--force"); // even forced, these are never replaced
        Result r = run(clone, cmd, Map.of());
        assertEquals(2, r.code(), command + " --out '" + out[0] + "': " + r.out());
        assertTrue(r.out().contains("refusing"), r.out());
        assertEquals(before, CliRun.snapshot(clone), command + " --out '" + out[0] + "' changed the clone");
      }
    }
    assertTrue(Files.isDirectory(clone.resolve(".git")));
    assertEquals(status, run(clone, List.of("git", "status", "--porcelain"), Map.of()).out());
  }

  record Result(int code, String out) {}

  private static Result run(Path dir, List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
    if (cmd.get(0).equals("git")) {
      assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }
    return new Result(p.exitValue(), out);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString().replace('/', File.separatorChar);
  }
}
