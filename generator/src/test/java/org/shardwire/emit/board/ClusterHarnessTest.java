package org.shardwire.emit.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.ClampBounds;
import org.shardwire.blocks.engines.RequantConstants;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.engines.elementwise.AddEngineConfig;
import org.shardwire.blocks.engines.elementwise.ClampEngineConfig;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.emit.ClusterHarness;
import org.shardwire.golden.VectorFile;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.model.Shape;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.ClusterResult;
import org.shardwire.sim.ClusterSimulator;
import org.shardwire.sim.ClusterSpec;
import org.shardwire.testing.BlockSim;
import org.shardwire.testing.FstHandshakes;
import org.shardwire.testing.TestPaths;

/**
 * Two boards joined by a link, with hand-checkable engines: board 0 clamps to [0, 127]; board 1
 * forks its input into a clamp to [-10, 50] and an add of that with the input itself. The
 * harness must deliver every beat through the channel (with latency and bit errors) and check
 * the cut tensor and the scores exactly.
 */
class ClusterHarnessTest {
  private static final Shape SHAPE = Shape.of(6, 5, 16);
  private static final int LANES = 4;
  private static final int FRAMES = 3;
  /** rq(v) = v * 2^8 exactly: the add then computes clamp(a + b). */
  private static final RequantConstants TIMES_256 = new RequantConstants(1 << 30, 22);

  @Test
  void twoBoardsAreBitExactThroughALossyLink() {
    ClusterResult r = simulate("lossy", 40, 2e-3);
    assertTrue(r.passed(), r.result().failureReport());
    assertTrue(r.channels().get("link0.data")[1] > 0, "the channel corrupted data words");
    assertTrue(r.result().status("b1_stat_rx_crc_errors") > 0, "the receiver saw the corrupted frames");
    assertTrue(r.result().status("b0_stat_tx_frames_retransmitted") > 0, "and the sender resent them");
    assertEquals(FRAMES, r.frameEnds().get("scores").size());
    assertEquals(FRAMES, r.frameEnds().get("board0.out").size());
    assertTrue(r.latencyCycles() > 40, "the link latency is part of the pipeline latency");
  }

  @Test
  void aWrongCutValueIsReportedOnThatBoard() {
    ClusterResult r = simulateWithCorruptCut();
    assertFalse(r.passed());
    assertTrue(r.result().mismatchLines().get(0).contains("port=board0.out"), r.result().failureReport());
  }

  /**
   * simulate --trace: a run with one flipped cut beat, repeated with the traced build, leaves one
   * FST per board whose header covers the window around the first mismatch (and starts after
   * cycle 0, so only the window was dumped); a bit-exact run is dumped whole.
   */
  @Test
  void aMismatchLeavesOneWaveformPerBoardAroundIt() throws Exception {
    Expected e = expected();
    List<List<BigInteger>> cut = new ArrayList<>(e.cut);
    cut.set(40, List.of(cut.get(40).get(0).flipBit(5), cut.get(40).get(1)));
    ClusterSimulator.TraceWindow window = new ClusterSimulator.TraceWindow(30, 10);
    Traced bad = runTraced("traced-bad", cut, window);
    assertFalse(bad.run.result().passed());
    long first = bad.run.result().result().report().firstMismatches().get(0).cycle();
    ClusterSimulator.Trace t = bad.trace;
    assertEquals(first, t.firstMismatch());
    assertEquals(first, t.tracedFirstMismatch(), "the re-run is deterministic: same first mismatch");
    assertTrue(first > window.before(), "the mismatch must lie past the window's length to show the cut: " + first);
    assertEquals(2, t.files().size());
    for (int b = 0; b < 2; b++) {
      java.nio.file.Path f = t.files().get(b);
      assertEquals("board" + b + ".fst", f.getFileName().toString());
      assertTrue(java.nio.file.Files.size(f) > 0, f.toString());
      org.shardwire.sim.FstHeader h = org.shardwire.sim.FstHeader.read(f);
      assertTrue(h.variables() > 10 && h.scopes() > 1, f + ": " + h);
      // cycle c is dumped at 10c (inputs applied) and 10c+5 (after the rising edge)
      assertEquals(10 * (first - window.before()), h.startTime(), f + ": " + h);
      assertEquals(10 * (first + window.after()) + 5, h.endTime(), f + ": " + h);
      // Real waveforms, not just a header: the clock at every dumped time after the first, and data.
      org.shardwire.testing.FstChanges c = org.shardwire.testing.FstChanges.read(f);
      assertEquals(2 * (window.before() + window.after() + 1) - 1, c.times(), f + ": " + c);
      if (b == 0) {
        assertTrue(c.wide() > 0, "board 0 streams data in the window: " + c);
      }
    }
    assertTrue(t.describe().contains("around the first mismatch at cycle " + first), t.describe());
    assertTrue(t.describe().contains(t.files().get(0).toString()) && t.describe().contains(t.files().get(1).toString()),
        t.describe());

    Traced good = runTraced("traced-good", e.cut, window);
    assertTrue(good.run.result().passed(), good.run.result().result().failureReport());
    org.shardwire.sim.FstHeader h = org.shardwire.sim.FstHeader.read(good.trace.files().get(1));
    assertEquals(0, h.startTime(), "a bit-exact run is dumped from the start");
    assertEquals(10 * (good.run.result().result().cycles() - 1) + 5, h.endTime(), "to its last cycle");
    for (java.nio.file.Path f : good.trace.files()) {
      org.shardwire.testing.FstChanges c = org.shardwire.testing.FstChanges.read(f);
      assertTrue(c.wide() > 100, f + " holds the data of the whole run: " + c);
    }
    // Where the cycles went (docs/waveforms.md, "Where a board loses cycles"): every cycle of the
    // run sampled once per stream; board 0's input starved in the image source's gaps, board 1's
    // scores stalled when the sink refused them, and each moved exactly its words.
    long cycles = good.run.result().result().cycles();
    Map<String, FstHandshakes> b0 = FstHandshakes.read(good.trace.files().get(0));
    Map<String, FstHandshakes> b1 = FstHandshakes.read(good.trace.files().get(1));
    FstHandshakes in = b0.get("TOP.cluster_top.b0.s_axis_t");
    FstHandshakes relu = b0.get("TOP.cluster_top.b0.relu.s_axis_t");
    FstHandshakes scores = b1.get("TOP.cluster_top.b1.m_axis_t");
    FstHandshakes add = b1.get("TOP.cluster_top.b1.add.s_axis_b_t");
    assertTrue(in != null && relu != null && scores != null && add != null, b0.keySet() + " " + b1.keySet());
    assertEquals(cycles, in.cycles(), "one sample per cycle");
    assertEquals(e.image.size(), in.transfer());
    assertEquals(e.image.size(), relu.transfer());
    assertEquals(e.cut.size(), add.transfer());
    assertEquals(e.scores.size(), scores.transfer());
    assertTrue(in.starve() > 0 && scores.stall() > 0, "gaps " + in + ", refusals " + scores);
  }

  private record Traced(ClusterSimulator.Run run, ClusterSimulator.Trace trace) {}

  private Traced runTraced(String name, List<List<BigInteger>> cut, ClusterSimulator.TraceWindow window) {
    Expected e = expected();
    List<EmittedDesign> boards = List.of(emit(name, 0, board0()), emit(name, 1, board1()));
    ClusterHarness harness = ClusterHarness.write(boards, "cluster test", TestPaths.freshDir("cluster/" + name + "/sim"));
    BuildContext ctx = BuildContext.detect(TestPaths.verilatorCache(), TestPaths.freshDir("cluster/" + name + "/run"),
        BlockSim.SEED);
    ClusterSpec spec = new ClusterSpec(10, 0, 20, 20, 2_000_000, BlockSim.SEED);
    ClusterSimulator sim = new ClusterSimulator(ctx);
    ClusterSimulator.Run run = sim.run(harness, spec, e.image, e.scores, List.of(cut), line -> { });
    return new Traced(run, sim.trace(harness, spec, run, window, line -> { }));
  }

  /** The emitter's record of the harness is what the simulator reads back, and the status ports are the boards' counters. */
  @Test
  void theHarnessRecordRoundTripsThroughItsFolder() throws java.io.IOException {
    List<EmittedDesign> boards = List.of(emit("record", 0, board0()), emit("record", 1, board1()));
    java.nio.file.Path dir = TestPaths.freshDir("cluster/record/sim");
    ClusterHarness written = ClusterHarness.write(boards, "cluster test", dir);
    ClusterHarness read = ClusterHarness.read(dir);
    assertEquals(boards.stream().map(EmittedDesign::topModule).toList(), read.boardTops());
    assertEquals(2, read.boards());
    assertEquals(written.rtl().stream().map(p -> p.toAbsolutePath().normalize()).toList(), read.rtl());
    // Board 0 sends (its link transmitter's counters), board 1 receives; both count words in and out.
    for (int i = 0; i < 2; i++) {
      List<String> status = boards.get(i).statusPorts();
      String link = i == 0 ? "stat_tx_" : "stat_rx_";
      assertTrue(status.size() > 3 && status.subList(0, status.size() - 3).stream().allMatch(p -> p.startsWith(link)),
          status.toString());
      assertEquals(List.of("stat_in_words", "stat_out_words", "stat_out_stall_cycles"),
          status.subList(status.size() - 3, status.size()));
    }
    assertTrue(written.driver().contains("b1_stat_rx_crc_errors"), "the driver reports board 1's receiver counters");
    java.nio.file.Files.delete(dir.resolve("boards.f"));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ClusterHarness.read(dir));
    assertTrue(e.getMessage().contains("boards.f"), e.getMessage());
  }

  private ClusterResult simulate(String name, int latency, double errorRate) {
    Expected e = expected();
    return run(name, latency, errorRate, e.cut);
  }

  private ClusterResult simulateWithCorruptCut() {
    Expected e = expected();
    List<List<BigInteger>> cut = new ArrayList<>(e.cut);
    cut.set(7, List.of(cut.get(7).get(0).flipBit(3), cut.get(7).get(1)));
    return run("corrupt-cut", 10, 0, cut);
  }

  private ClusterResult run(String name, int latency, double errorRate, List<List<BigInteger>> cut) {
    Expected e = expected();
    List<EmittedDesign> boards = List.of(emit(name, 0, board0()), emit(name, 1, board1()));
    ClusterHarness harness = ClusterHarness.write(boards, "cluster test", TestPaths.freshDir("cluster/" + name + "/sim"));
    BuildContext ctx = BuildContext.detect(TestPaths.verilatorCache(), TestPaths.freshDir("cluster/" + name + "/run"),
        BlockSim.SEED);
    ClusterSpec spec = new ClusterSpec(latency, errorRate, 20, 20, 2_000_000, BlockSim.SEED);
    return new ClusterSimulator(ctx).run(harness, spec, e.image, e.scores, List.of(cut), line -> { }).result();
  }

  private static EmittedDesign emit(String name, int index, BoardTopConfig c) {
    return new VerilogEmitter(Vendor.XILINX, "cluster test", "board" + index + "_")
        .emit(() -> new BoardTop(c), TestPaths.freshDir("cluster/" + name + "/board" + index));
  }

  private static BoardTopConfig board0() {
    ClampEngineConfig clamp = new ClampEngineConfig(SHAPE, LANES, new ClampBounds(0, 127));
    BoardNetwork net = new BoardNetwork("x", List.of(new EngineNode("relu", clamp, List.of("x"), "r")), "r");
    return new BoardTopConfig(0, net, Map.of("x", stream(), "r", stream()), null,
        LinkConfig.defaults(LANES, Vendor.XILINX), Map.of());
  }

  private static BoardTopConfig board1() {
    ClampEngineConfig clamp = new ClampEngineConfig(SHAPE, LANES, new ClampBounds(-10, 50));
    AddEngineConfig add = new AddEngineConfig(SHAPE, LANES, TIMES_256, TIMES_256, ClampBounds.FULL);
    BoardNetwork net = new BoardNetwork("r", List.of(
        new EngineNode("clip", clamp, List.of("r"), "c"),
        new EngineNode("add", add, List.of("c", "r"), "y")), "y");
    return new BoardTopConfig(1, net, Map.of("r", stream(), "c", stream(), "y", stream()),
        LinkConfig.defaults(LANES, Vendor.XILINX), null, Map.of());
  }

  private static TensorStream stream() {
    return new TensorStream("m_axis", SHAPE, LANES);
  }

  private record Expected(List<List<BigInteger>> image, List<List<BigInteger>> cut, List<List<BigInteger>> scores) {}

  private static Expected expected() {
    Random rnd = new Random(5);
    List<List<BigInteger>> image = new ArrayList<>();
    List<List<BigInteger>> cut = new ArrayList<>();
    List<List<BigInteger>> scores = new ArrayList<>();
    int n = (int) SHAPE.elements();
    for (int f = 0; f < FRAMES; f++) {
      long[] x = new long[n];
      long[] r = new long[n];
      long[] y = new long[n];
      for (int i = 0; i < n; i++) {
        x[i] = rnd.nextInt(256) - 128;
        r[i] = Math.max(0, x[i]);
        y[i] = Math.max(-128, Math.min(127, Math.max(-10, Math.min(50, r[i])) + r[i]));
      }
      pack(image, x, f);
      pack(cut, r, f);
      pack(scores, y, f);
    }
    return new Expected(image, cut, scores);
  }

  private static void pack(List<List<BigInteger>> beats, long[] values, int frame) {
    int words = values.length / LANES;
    for (int w = 0; w < words; w++) {
      long[] lanes = java.util.Arrays.copyOfRange(values, w * LANES, (w + 1) * LANES);
      beats.add(List.of(VectorFile.packLanes(lanes, 8), BigInteger.valueOf(w == words - 1 ? 1 : 0)));
    }
  }
}
