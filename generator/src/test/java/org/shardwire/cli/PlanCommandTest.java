package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardwire.report.PlanFile;
import org.shardwire.testing.TestPaths;

/** ./shardwire plan: the table, plan.json written atomically and byte-identically, and exit 2 on bad input. */
class PlanCommandTest {

  private static ModelCommandTest.Result run(String... args) {
    return ModelCommandTest.run(args);
  }

  @Test
  void defaultBoardsAreTwoZcu102AndTheTableNamesBoardsAndLinks() {
    ModelCommandTest.Result r = run("plan", "--model", "resnet8-cifar");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("plan resnet8-cifar over zcu102:2 (pipeline), clock 200.000 MHz\n"), r.out());
    assertTrue(r.out().contains("#0 zcu102  conv1.relu.."), r.out());
    assertTrue(r.out().contains("#1 zcu102"), r.out());
    assertTrue(r.out().matches("(?s).*/ 2,520  RAMB36 [0-9.]+ / 912 .* B/frame, .* Gb/s .*"), r.out());
    assertTrue(r.out().contains("est ") && r.out().contains(" frames/s"), r.out());
  }

  @Test
  void planJsonIsWrittenAndByteIdenticalAcrossRuns() throws IOException {
    Path a = TestPaths.freshDir("plan-a").resolve("out");
    Path b = TestPaths.freshDir("plan-b").resolve("out");
    ModelCommandTest.Result ra = run("plan", "--model", "shufflenet-tiny", "--boards", "zcu102:3", "--out", a.toString());
    ModelCommandTest.Result rb = run("plan", "--model", "shufflenet-tiny", "--boards", "zcu102:3", "--out", b.toString(),
        "--engines");
    assertEquals(0, ra.exit(), ra.err());
    assertEquals(0, rb.exit(), rb.err());
    assertArrayEquals(Files.readAllBytes(a.resolve("plan.json")), Files.readAllBytes(b.resolve("plan.json")));
    assertEquals(3, PlanFile.read(a.resolve("plan.json")).boards().size());
    try (var files = Files.list(a.getParent())) {
      assertEquals(1, files.count(), "no staging folders left behind");
    }
    assertTrue(rb.out().contains("stage2.0.dwconv.bn") && rb.out().contains("DepthwiseConvEngine"), rb.out());
  }

  @Test
  void mixedBoardsAndClock() {
    ModelCommandTest.Result r = run("plan", "--model", "shufflenet-tiny", "--boards", "zcu102:1,f10a-a10gx1150:1",
        "--clock-mhz", "150", "--max-multipliers-per-engine", "40");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("clock 150.000 MHz"), r.out());
    assertTrue(r.out().contains("#1 f10a-a10gx1150") && r.out().contains("M20K") && r.out().contains("ALM"), r.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"zcu104:2", "zcu102:0", "zcu102:two", "zcu102:1,", ""})
  void badBoardsExitTwoNamingTheAllowedIds(String boards) {
    ModelCommandTest.Result r = run("plan", "--model", "resnet8-cifar", "--boards", boards);
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--boards"), r.err());
    assertTrue(r.err().contains("mkubos-zu19eg") || r.err().contains("1..64"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void channelGroupPlansAnInsideShuffleNetAndShowsItsExchanges() throws Exception {
    Path out = TestPaths.freshDir("plan-groups").resolve("out");
    ModelCommandTest.Result r = run("plan", "--model", "i-shufflenet-tiny-d2", "--boards", "f10a-a10gx1150:2",
        "--strategy", "channel-group", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("(channel-group)") && r.out().contains("exchange stream(s)"), r.out());
    assertTrue(r.out().contains("#1 -> #0  fc "), "board 1 sends its share of the scores to board 0:\n" + r.out());
    String json = Files.readString(out.resolve("plan.json"));
    assertTrue(json.contains("\"strategy\": \"channel-group\""), json.substring(0, Math.min(400, json.length())));
    org.shardwire.plan.Plan back = org.shardwire.report.PlanFile.read(out.resolve("plan.json"));
    assertEquals(org.shardwire.plan.Strategy.CHANNEL_GROUP, back.strategy());
    assertEquals(9, back.links().size());
  }

  @Test
  void channelGroupRefusesGroupsTheBoardsCannotShare() {
    ModelCommandTest.Result r = run("plan", "--model", "shufflenet-tiny", "--boards", "zcu102:3", "--strategy",
        "channel-group");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("stage2.0.gconv2") && r.err().contains("2 groups cannot be shared by 3 boards"),
        r.err());
    ModelCommandTest.Result s = run("plan", "--model", "shufflenet-tiny", "--strategy", "model-parallel");
    assertEquals(2, s.exit());
    assertTrue(s.err().contains("auto, pipeline, channel-group or mixed"), s.err());
  }

  @Test
  void badClockExitsTwo() {
    ModelCommandTest.Result r = run("plan", "--model", "shufflenet-tiny", "--clock-mhz", "-5");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--clock-mhz"), r.err());
  }

  @Test
  void resnet50DoesNotFitOneZcu102() {
    Path out = TestPaths.freshDir("plan-r50").resolve("out");
    // With every weight on chip; with weights from DDR (the default) it fits, bound by the DDR's bandwidth
    // (docs/ddr-weights.md; DdrWeightsPlanTest).
    ModelCommandTest.Result r = run("plan", "--model", "resnet50", "--boards", "zcu102:1", "--ddr-weights", "off",
        "--out", out.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().matches("(?s)shardwire plan: resnet50 does not fit on zcu102:1 .*\n  zcu102 #0: needs [0-9.]+ RAMB36 for "
        + "layers conv1.relu..fc, has 912 \\(short by [0-9.]+\\)\n.*"), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }
}
