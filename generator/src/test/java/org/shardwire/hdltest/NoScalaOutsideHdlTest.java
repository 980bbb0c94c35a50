package org.shardwire.hdltest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.testing.TestPaths;

/** SpinalHDL's Scala surface stays inside org.shardwire.hdl: user code reads as Java. */
class NoScalaOutsideHdlTest {
  private static final List<String> SCALA_SURFACE = List.of("$plus", "$colon$eq", "MODULE$", "BoxedUnit",
      "postInitCallback", "valCallback", "import spinal.", "import scala.");

  @Test
  void noScalaNamesOutsideTheFacade() throws IOException {
    Path src = TestPaths.repoRoot().resolve("generator/src");
    List<String> leaks = new ArrayList<>();
    int checked = 0;
    try (var walk = Files.walk(src)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (p.toString().contains("/org/shardwire/hdl/") || p.getFileName().toString().equals("NoScalaOutsideHdlTest.java")) {
          continue;
        }
        checked++;
        String text = Files.readString(p);
        for (String s : SCALA_SURFACE) {
          if (text.contains(s)) {
            leaks.add(src.relativize(p) + " uses " + s);
          }
        }
      }
    }
    assertTrue(checked > 20, "found only " + checked + " files: wrong folder?");
    assertEquals(List.of(), leaks);
  }
}
