package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.testing.TestPaths;

/**
 * The launcher's stderr filter (./shardwire, drop_incubator_warning), run by bash as the launcher
 * defines it: it drops the JVM's incubator notice when it is the first line, and passes everything
 * else through byte for byte, progress lines ending in \r included.
 */
class LauncherFilterTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "WARNING: Using incubator modules: jdk.incubator.vector\\ncycle=1\\rcycle=2\\rdone\\n | cycle=1\\rcycle=2\\rdone\\n",
      "shardwire simulate: bad\\nWARNING: Using incubator modules: jdk.incubator.vector\\n | "
          + "shardwire simulate: bad\\nWARNING: Using incubator modules: jdk.incubator.vector\\n",
      "no newline at the end | no newline at the end",
  })
  void dropsOnlyTheLeadingIncubatorNotice(String in, String expected) throws Exception {
    String script = "source <(sed -n '/^incubator_warning=/p; /^drop_incubator_warning()/,/^}/p' "
        + TestPaths.repoRoot().resolve("shardwire") + "); drop_incubator_warning";
    Process p = new ProcessBuilder(List.of("bash", "-c", script)).redirectErrorStream(true).start();
    p.getOutputStream().write(unescape(in).getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), out);
    assertEquals(unescape(expected), out);
  }

  private static String unescape(String s) {
    return s.strip().replace("\\n", "\n").replace("\\r", "\r");
  }
}
