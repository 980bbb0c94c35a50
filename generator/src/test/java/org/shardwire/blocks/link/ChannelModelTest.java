package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shardwire.testing.TestPaths;

/** Compiles sim/shardwire_channel.h with its C++ checks and runs them. */
class ChannelModelTest {

  @Test
  void channelModelPassesItsChecks() throws Exception {
    Path dir = TestPaths.freshDir("channel-model");
    Path source = dir.resolve("channel_model_test.cpp");
    try (InputStream in = ChannelModelTest.class.getResourceAsStream("/link/channel_model_test.cpp")) {
      Files.copy(in, source);
    }
    Path exe = dir.resolve("channel_model_test");
    String compile = run(dir, List.of("g++", "-std=c++17", "-O2", "-Wall", "-Wextra", "-Werror",
        "-I" + TestPaths.repoRoot().resolve("sim"), source.toString(), "-o", exe.toString()), "compile");
    assertEquals("", compile.strip(), "g++ warnings");
    String out = run(dir, List.of(exe.toString()), "run");
    System.out.print(out);
    assertTrue(out.lines().filter(l -> l.startsWith("OK ")).count() >= 9, out);
    assertTrue(out.lines().noneMatch(l -> l.startsWith("FAIL")), out);
  }

  private static String run(Path dir, List<String> cmd, String what) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(what + " timed out: " + cmd);
    }
    assertEquals(0, p.exitValue(), what + " failed: " + String.join(" ", cmd) + "\n" + out);
    return out;
  }
}
