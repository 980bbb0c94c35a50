package org.shardwire.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.testing.TestPaths;

/** Sweep files: ranges expand, points come in a fixed order, and bad files are named with the key. */
class SweepSpecTest {
  @Test
  void rangesExpandAndPointsAreTheProduct() {
    SweepSpec s = new SweepSpec("t", List.of("a", "b"), null, List.of("zcu102:1..3", "zcu102:1,f10a-a10gx1150:1"),
        List.of(), List.of(), List.of(0, 24), false, 2);
    List<SweepSpec.Point> p = s.points();
    assertEquals(2 * 4 * 2, p.size());
    assertEquals(new SweepSpec.Point(0, "a", "zcu102:1", null, "pipeline", 0), p.get(0));
    assertEquals(new SweepSpec.Point(7, "a", "zcu102:1,f10a-a10gx1150:1", null, "pipeline", 24), p.get(7));
    assertEquals("b", p.get(8).model());
  }

  @Test
  void theCommittedSweepsRead() {
    for (String name : List.of("smoke", "resnet50-mkubos", "shufflenet-arria10")) {
      SweepSpec s = SweepSpec.read(TestPaths.repoRoot().resolve("sweeps").resolve(name + ".json"));
      assertEquals(name, s.name());
    }
    assertEquals(8, SweepSpec.read(TestPaths.repoRoot().resolve("sweeps/resnet50-mkubos.json")).points().size());
  }

  @Test
  void badFilesNameTheKey() throws Exception {
    Path dir = TestPaths.freshDir("sweep-spec");
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"name\": \"x\", \"models\": [\"resnet8-cifar\"], \"input_size\": null, \"boards\": "
        + "[\"zcu102:3..1\"], \"clocks_mhz\": [], \"strategies\": [], \"max_multipliers_per_engine\": [], "
        + "\"simulate\": false, \"frames\": 2}");
    JsonFileException e = assertThrows(JsonFileException.class, () -> SweepSpec.read(f));
    assertTrue(e.getMessage().contains("board range 'zcu102:3..1' must be ID:A..B"), e.getMessage());
    Files.writeString(f, "{\"name\": \"x\", \"models\": \"resnet8-cifar\"}");
    e = assertThrows(JsonFileException.class, () -> SweepSpec.read(f));
    assertTrue(e.getMessage().startsWith(f + ": models: must be an array"), e.getMessage());
  }
}
