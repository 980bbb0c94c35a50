package org.shardwire.emit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.Board;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.emit.ClusterHarness;
import org.shardwire.emit.board.BoardTop;
import org.shardwire.emit.board.BoardTopConfig;
import org.shardwire.emit.board.LinkEnd;
import org.shardwire.golden.Int8Inference;
import org.shardwire.golden.Quantization;
import org.shardwire.golden.TensorVectors;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.model.Shape;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.plan.ChannelGroupSlicer;
import org.shardwire.plan.Plan;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Planner;
import org.shardwire.plan.Strategy;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.ClusterResult;
import org.shardwire.sim.ClusterSimulator;
import org.shardwire.sim.ClusterSpec;
import org.shardwire.testing.TestPaths;

/**
 * i-shufflenet-tiny-d2 over two Arria 10 boards by channel groups, both boards and every exchange
 * link in one Verilator harness (built with -Wall, so every board is lint-clean): the scores
 * bit-exact against the golden model of the whole network, every exchanged stream checked beat by
 * beat against its golden slice, and the measured cycles per frame within 5% of the plan's
 * estimate (measured 27,648 = estimate).
 */
class ChannelGroupClusterTest {
  private static final int LANE_LATENCY = 64;
  private static final int FRAMES = 3;

  @Test
  void twoBoardsExchangingSlicesAreBitExactAtTheEstimatedRate() {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build("i-shufflenet-tiny-d2"), 1);
    BoardList boards = BoardList.parse("f10a-a10gx1150:2", BoardCatalog.builtIn());
    Plan plan = Planner.plan(q, boards, PlanOptions.defaults(boards), Strategy.CHANNEL_GROUP, LANE_LATENCY);
    ChannelGroupLowering.Lowered hw = ChannelGroupLowering.lower(q, plan,
        boards.boards().stream().map(Board::vendor).toList(), LANE_LATENCY);
    ChannelGroupSlicer.Slicing slicing = hw.slicing();
    Path out = TestPaths.freshDir("channel-group-cluster");

    List<EmittedDesign> designs = new ArrayList<>();
    for (BoardTopConfig b : hw.boards()) {
      String stamp = GeneratorStamp.header("board " + b.index() + " (channel groups)", b.configHash());
      EmittedDesign d = new VerilogEmitter(boards.get(b.index()).vendor(), stamp, "board" + b.index() + "_")
          .emit(() -> new BoardTop(b), out.resolve("board" + b.index()));
      List<String> ports = d.ports().stream().map(EmittedDesign.Port::name).toList();
      assertTrue(ports.contains("s_axis_tdata"), "every board reads the image: " + ports);
      assertEquals(b.index() == 0, ports.contains("m_axis_tdata"), "board 0 writes the scores: " + ports);
      assertEquals(plan.boards().get(b.index()).linkEndpoints(), b.rxLinks().size() + b.txLinks().size(),
          "the plan counted the link endpoints the board builds");
      designs.add(d);
    }
    List<ClusterHarness.Exchange> exchanges = new ArrayList<>();
    for (int j = 0; j < slicing.exchanges().size(); j++) {
      ChannelGroupSlicer.Exchange x = slicing.exchanges().get(j);
      String port = ChannelGroupLowering.txPort(j);
      LinkEnd tx = hw.boards().get(x.from()).txLinks().stream().filter(e -> e.port().equals(port)).findFirst()
          .orElseThrow();
      exchanges.add(new ClusterHarness.Exchange(j, x.from(), x.to(), tx.index(), ChannelGroupLowering.txPort(j),
          ChannelGroupLowering.rxPort(j), x.stream() + "->b" + x.to()));
    }
    ClusterHarness harness = ClusterHarness.writeExchanges(designs, exchanges,
        GeneratorStamp.header("channel-group cluster test", "i-shufflenet-tiny-d2"), out.resolve("sim"));

    // Expected beats: the image (every board reads it at the same width), board 0's scores from
    // the golden model of the whole network, each exchange from the boards' joined graph.
    Int8Inference golden = new Int8Inference(q);
    Int8Inference joined = new Int8Inference(slicing.joined());
    BoardTopConfig b0 = hw.boards().get(0);
    int imageLanes = b0.streams().get(b0.network().input()).lanes();
    for (BoardTopConfig b : hw.boards()) {
      assertEquals(imageLanes, b.streams().get(b.network().input()).lanes(), "every board reads the image as wide");
    }
    int scoreLanes = b0.streams().get(b0.network().outputs().get(0)).lanes();
    List<List<BigInteger>> image = new ArrayList<>();
    List<List<BigInteger>> scores = new ArrayList<>();
    List<List<List<BigInteger>>> checks = new ArrayList<>();
    for (int j = 0; j < exchanges.size(); j++) {
      checks.add(new ArrayList<>());
    }
    Shape in = q.graph().inputShape();
    Random rnd = new Random(11);
    String out0 = q.graph().outputs().get(0);
    for (int f = 0; f < FRAMES; f++) {
      byte[] pixels = new byte[(int) in.elements()];
      rnd.nextBytes(pixels);
      Int8Tensor x = Int8Tensor.activation(in, pixels);
      Map<String, Int8Tensor> trace = joined.trace(x);
      image.addAll(TensorVectors.beats(x, imageLanes, true));
      scores.addAll(TensorVectors.beats(golden.run(x), scoreLanes, true));
      assertEquals(golden.trace(x).get(out0), trace.get(slicing.joined().graph().outputs().get(0)));
      for (int j = 0; j < exchanges.size(); j++) {
        ChannelGroupSlicer.Exchange e = slicing.exchanges().get(j);
        BoardTopConfig sender = hw.boards().get(e.from());
        int lanes = sender.streams().get(sender.network().outputs().get(exchanges.get(j).senderOutput())).lanes();
        checks.get(j).addAll(TensorVectors.beats(trace.get(ChannelGroupSlicer.Slicing.joinedName(e.from(), e.stream())),
            lanes, true));
      }
    }
    ClusterSimulator sim = new ClusterSimulator(BuildContext.detect(TestPaths.verilatorCache(), out.resolve("run"), 1));
    ClusterResult r = sim.run(harness, new ClusterSpec(LANE_LATENCY, 0, 0, 0, 50_000_000L, 7), image, scores, checks,
        p -> { }).result();
    assertTrue(r.passed(), r.result().failureReport());
    assertEquals(FRAMES, r.frameEnds().get("scores").size());
    for (ClusterHarness.Exchange x : exchanges) {
      assertEquals(FRAMES, r.frameEnds().get(x.name()).size(), x.name() + " checked every frame");
    }
    double ratio = r.cyclesPerFrame() / plan.cyclesPerFrame();
    System.out.println("CHANNEL_GROUP i-shufflenet-tiny-d2 f10a-a10gx1150:2: measured " + r.cyclesPerFrame()
        + " / estimated " + plan.cyclesPerFrame() + " cycles per frame = " + ratio);
    assertTrue(Math.abs(ratio - 1) <= 0.05, "measured/estimated cycles per frame = " + ratio);
  }
}
