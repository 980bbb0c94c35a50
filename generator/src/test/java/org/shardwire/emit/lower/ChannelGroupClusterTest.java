package org.shardwire.emit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.shardwire.cli.Main;
import org.shardwire.plan.EndpointPlan;
import org.shardwire.plan.Plan;
import org.shardwire.report.PlanFile;
import org.shardwire.report.SimFile;
import org.shardwire.testing.TestPaths;

/**
 * i-shufflenet-tiny-d2 over two Arria 10 boards by channel groups, through the CLI:
 * {@code generate --strategy channel-group} writes every board's RTL, weights and vendor script
 * and the harness, {@code simulate} runs both boards and every exchange link in one Verilator
 * harness (built with -Wall, so every board is lint-clean): the scores bit-exact against the
 * golden model of the whole network, every exchanged stream checked beat by beat against its
 * golden slice, and the measured cycles per frame within 5% of the plan's estimate.
 */
class ChannelGroupClusterTest {
  private static final String LANE_LATENCY = "64";
  private static final int FRAMES = 3;
  private static final Pattern LINK_MODULE = Pattern.compile("_link_(?:tx|rx)_l\\d+_f\\d+_[rq](\\d+)");

  @Test
  void twoBoardsExchangingSlicesAreBitExactAtTheEstimatedRate() throws IOException {
    generateSimulateAndCheck("i-shufflenet-tiny-d2", "f10a-a10gx1150:2", "channel-group");
  }

  /** Generates {@code model} on {@code boards} with {@code strategy}, simulates it and checks it; returns the plan. */
  static Plan generateSimulateAndCheck(String model, String boards, String strategy) throws IOException {
    return generateSimulateAndCheck(model, boards, strategy, FRAMES);
  }

  /** The same over {@code frames} frames. */
  static Plan generateSimulateAndCheck(String model, String boards, String strategy, int frames) throws IOException {
    Path dir = TestPaths.freshDir("channel-group-cluster/" + model + "-" + boards.replace(':', 'x') + "-" + strategy)
        .resolve("out");
    assertEquals(0, Main.run("generate", "--model", model, "--boards", boards, "--strategy", strategy,
        "--lane-latency", LANE_LATENCY, "--out", dir.toString()));
    Plan plan = PlanFile.read(dir.resolve(PlanFile.FILE));
    assertFalse(plan.links().isEmpty(), "the boards exchange slices");
    for (int d = 0; d < plan.boards().size(); d++) {
      Path board = dir.resolve("board" + d);
      assertTrue(Files.isRegularFile(board.resolve("quartus.tcl")), "board" + d + " has its vendor script");
      String top = Files.readString(board.resolve("rtl/board" + d + "_top.v"));
      int endpoints = 0;
      for (int j = 0; j < plan.links().size(); j++) {
        endpoints += (top.contains(ChannelGroupLowering.txPort(j) + "_data_") ? 1 : 0)
            + (top.contains(ChannelGroupLowering.rxPort(j) + "_data_") ? 1 : 0);
      }
      assertEquals(plan.boards().get(d).linkEndpoints(), endpoints, "board" + d + " builds the endpoints planned");
      // Each end's buffers as the plan sized them (the module names carry the replay / FIFO words).
      Set<Integer> planned = plan.boards().get(d).linkEnds().stream().map(EndpointPlan::bufferWords)
          .collect(Collectors.toSet());
      Set<Integer> built = new TreeSet<>();
      try (Stream<Path> files = Files.list(board.resolve("rtl"))) {
        files.map(f -> LINK_MODULE.matcher(f.getFileName().toString())).filter(Matcher::find)
            .forEach(m -> built.add(Integer.parseInt(m.group(1))));
      }
      assertEquals(new TreeSet<>(planned), built, "board" + d + ": link buffer sizes built vs planned");
    }
    assertEquals(0, Main.run("simulate", dir.toString(), "--frames", String.valueOf(frames), "--latency",
        LANE_LATENCY, "--build-cache", TestPaths.verilatorCache().toString()));
    SimFile sim = SimFile.read(dir.resolve(SimFile.FILE));
    assertTrue(sim.bitExact());
    assertEquals(0, sim.mismatches());
    assertEquals(plan.links().size(), sim.links().size(), "one checked link per exchanged stream");
    double ratio = sim.measuredVsEst().doubleValue();
    System.out.println("CHANNEL_GROUP " + model + " " + boards + " " + strategy + ": measured " + sim.cyclesPerFrame()
        + " / estimated " + sim.estCyclesPerFrame() + " cycles per frame = " + ratio);
    assertTrue(Math.abs(ratio - 1) <= 0.05, "measured/estimated cycles per frame = " + ratio);
    return plan;
  }
}
