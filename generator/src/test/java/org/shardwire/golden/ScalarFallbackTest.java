package org.shardwire.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without --add-modules jdk.incubator.vector (the launcher adds it, plain java does not) the golden
 * model must still load and run on the scalar engine: the Vector API classes may only be touched
 * when present.
 */
class ScalarFallbackTest {
  @Test
  void goldenRunsInAJvmWithoutTheVectorModule() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), "-Xss4m", "-cp", System.getProperty("java.class.path"),
        GoldenBench.class.getName(), "shufflenet-tiny", "1")).redirectErrorStream(true).start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(done, "finished: " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("shufflenet-tiny int8 golden (SCALAR conv engine)"), out);
    assertTrue(!out.contains("incubator"), out);
  }
}
