package org.shardwire.emit.lower;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.emit.board.BoardNetwork;
import org.shardwire.emit.board.BoardTopConfig;
import org.shardwire.emit.board.EngineNode;
import org.shardwire.emit.board.LinkEnd;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.Flatten;
import org.shardwire.model.Graph;
import org.shardwire.model.Node;
import org.shardwire.model.Shape;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.BranchFifos;
import org.shardwire.plan.ChannelGroupPlanner;
import org.shardwire.plan.ChannelGroupSlicer;
import org.shardwire.plan.EndpointPlan;
import org.shardwire.plan.EnginePlan;
import org.shardwire.plan.Plan;
import org.shardwire.plan.Strategy;
import org.shardwire.quant.QuantizedGraph;

/**
 * Lowers a channel-group plan (docs/channel-groups.md): every board's own int8 graph
 * ({@link ChannelGroupSlicer}, the graph the plan costed) becomes that board's engines at the
 * plan's foldings, built by the same {@link Lowering#engine} check; every exchange becomes a
 * LinkTx on the sender ({@code xtx<j>}) and a LinkRx on the receiver ({@code xrx<j>}), j the
 * exchange's index in the slicing, both with buffers sized to the stream (the plan's endpoints); the image arrives on {@code s_axis} of every board of the
 * first stage, the output board ({@link ChannelGroupSlicer.Slicing#outputBoard()}) writes the
 * scores to {@code m_axis}.
 */
public final class ChannelGroupLowering {
  private ChannelGroupLowering() {}

  /** The boards' configs and the slicing they were built from (for the harness's expected streams). */
  public record Lowered(List<BoardTopConfig> boards, ChannelGroupSlicer.Slicing slicing) {}

  /** Sender port of exchange j. */
  public static String txPort(int j) {
    return "xtx" + j;
  }

  /** Receiver port of exchange j. */
  public static String rxPort(int j) {
    return "xrx" + j;
  }

  /** The boards of {@code plan}, their exchange FIFOs sized for the lane latency the plan was made for. */
  public static Lowered lower(QuantizedGraph q, Plan plan, List<Vendor> vendors) {
    int laneLatencyCycles = plan.laneLatencyCycles();
    if (plan.strategy() == Strategy.PIPELINE) {
      throw new IllegalArgumentException("not a channel-group plan: " + plan.strategy().label());
    }
    int n = plan.boards().size();
    ChannelGroupSlicer.Slicing slicing = ChannelGroupSlicer.slice(q, plan.stages());
    List<Map<String, EngineNode>> engines = new ArrayList<>();
    List<Map<String, TensorStream>> streams = new ArrayList<>();
    List<Map<String, String>> aliases = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      QuantizedGraph board = slicing.boards().get(d);
      BoardPlan bp = plan.boards().get(d);
      Graph g = board.graph();
      Map<String, Shape> shapes = g.shapes();
      Map<String, String> alias = new LinkedHashMap<>();
      Map<String, EngineNode> nodes = new LinkedHashMap<>();
      Map<String, TensorStream> s = new LinkedHashMap<>();
      if (bp.engines().size() != g.nodes().size()) {
        throw new IllegalStateException("board " + d + ": the plan has " + bp.engines().size() + " engines, the "
            + "board's graph " + g.nodes().size() + " nodes");
      }
      for (EnginePlan e : bp.engines()) {
        Node node = g.node(e.node());
        List<String> inputs = node.inputs().stream().map(t -> alias.getOrDefault(t, t)).toList();
        if (node.layer() instanceof Flatten) {
          alias.put(node.name(), inputs.get(0));
          continue;
        }
        List<Shape> inShapes = inputs.stream().map(shapes::get).toList();
        EngineConfig config = Lowering.engine(board, node, inShapes, e, vendors.get(d).defaultRamStyle());
        nodes.put(node.name(), new EngineNode(node.name(), config, inputs, node.name()));
        s.put(node.name(), config.outputs().get(0));
      }
      engines.add(nodes);
      streams.add(s);
      aliases.add(alias);
    }
    // Board inputs: the image (first stage) at its first reader's width; a received piece as its sender makes it.
    String image = q.graph().inputs().get(0).name();
    for (int d = 0; d < n; d++) {
      if (slicing.boards().get(d).graph().inputs().stream().noneMatch(i -> i.name().equals(image))) {
        continue;
      }
      EngineNode reader = engines.get(d).values().stream().filter(en -> en.inputs().contains(image)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no engine reads the image"));
      streams.get(d).put(image, reader.engine().inputs().get(reader.inputs().indexOf(image)));
    }
    List<ChannelGroupSlicer.Exchange> xs = slicing.exchanges();
    for (ChannelGroupSlicer.Exchange x : xs) {
      String sent = aliases.get(x.from()).getOrDefault(x.stream(), x.stream());
      streams.get(x.to()).put(x.received(), streams.get(x.from()).get(sent));
    }
    List<BoardTopConfig> boards = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      QuantizedGraph board = slicing.boards().get(d);
      Vendor vendor = vendors.get(d);
      List<String> inputs = board.graph().inputs().stream().map(i -> i.name()).toList();
      List<LinkEnd> rx = new ArrayList<>();
      List<LinkEnd> tx = new ArrayList<>();
      List<String> outputs = new ArrayList<>();
      if (d == slicing.outputBoard()) {
        String scores = board.graph().outputs().get(0);
        outputs.add(aliases.get(d).getOrDefault(scores, scores));
      }
      List<EndpointPlan> planned = plan.boards().get(d).linkEnds();
      for (int j = 0; j < xs.size(); j++) {
        ChannelGroupSlicer.Exchange x = xs.get(j);
        if (x.from() == d) {
          String sent = aliases.get(d).getOrDefault(x.stream(), x.stream());
          LinkConfig link = end(d, x, streams.get(d).get(sent), vendor, planned, tx.size() + rx.size(), plan);
          tx.add(new LinkEnd(outputs.size(), txPort(j), link));
          outputs.add(sent);
        }
        if (x.to() == d) {
          int i = inputs.indexOf(x.received());
          LinkConfig link = end(d, x, streams.get(d).get(x.received()), vendor, planned, tx.size() + rx.size(), plan);
          rx.add(new LinkEnd(i, rxPort(j), link));
        }
      }
      List<EngineNode> nodes = DdrPlacement.place(new ArrayList<>(engines.get(d).values()));
      Map<String, TensorStream> boardStreams = new LinkedHashMap<>();
      for (String in : inputs) {
        boardStreams.put(in, streams.get(d).get(in));
      }
      for (EngineNode en : nodes) {
        boardStreams.put(en.output(), streams.get(d).get(en.output()));
      }
      boards.add(new BoardTopConfig(d, new BoardNetwork(inputs, nodes, outputs), boardStreams, null, null,
          fifos(board, laneLatencyCycles), Lowering.branchFifoStyles(plan.boards().get(d), vendor.defaultRamStyle()),
          rx, tx));
    }
    return new Lowered(boards, slicing);
  }

  /**
   * The link of exchange {@code x} at board d's end number {@code k}, sized to the stream as built
   * ({@link ChannelGroupPlanner#exchangeEnd}); it must be the endpoint the plan counted there.
   */
  private static LinkConfig end(int d, ChannelGroupSlicer.Exchange x, TensorStream stream, Vendor vendor,
      List<EndpointPlan> planned, int k, Plan plan) {
    EndpointPlan built = ChannelGroupPlanner.exchangeEnd(x, stream.lanes(), vendor, plan.laneLatencyCycles());
    if (k >= planned.size() || !planned.get(k).equals(built)) {
      throw new IllegalStateException("board " + d + ": the link of " + x.stream() + " (" + x.from() + " -> " + x.to()
          + ") is built as " + built + " but the plan counted " + (k < planned.size() ? planned.get(k) : "no endpoint")
          + " as its end " + k);
    }
    return built.config(vendor);
  }

  /** The branch FIFOs of the board's graph and its exchange FIFOs: what the plan counted for it. */
  private static Map<BoardNetwork.Reader, Long> fifos(QuantizedGraph board, int laneLatency) {
    Map<BoardNetwork.Reader, Long> m = new LinkedHashMap<>();
    for (BranchFifos.Fifo f : BranchFifos.of(board.graph())) {
      m.merge(new BoardNetwork.Reader(f.reader(), f.input()), f.elements(), Long::sum);
    }
    ChannelGroupPlanner.exchangeFifos(board, laneLatency).forEach((node, byInput) -> byInput.forEach(
        (i, elements) -> m.merge(new BoardNetwork.Reader(node, i), elements, Long::sum)));
    return m;
  }
}
