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
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.AvgPool;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Clip;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.Flatten;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.Graph;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Node;
import org.shardwire.model.Relu;
import org.shardwire.model.Shape;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.BranchFifos;
import org.shardwire.plan.ConvEngines;
import org.shardwire.plan.EnginePlan;
import org.shardwire.plan.Folding;
import org.shardwire.plan.MemoryPlacement;
import org.shardwire.plan.MemoryPlan;
import org.shardwire.plan.Plan;
import org.shardwire.plan.StreamEngines;
import org.shardwire.quant.QAdd;
import org.shardwire.quant.QAvgPool;
import org.shardwire.quant.QClamp;
import org.shardwire.quant.QConcat;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QFullyConnected;
import org.shardwire.quant.QGlobalAvgPool;
import org.shardwire.quant.QuantizedGraph;

/**
 * Lowers an int8 network and its plan to hardware: every node becomes the engine of
 * docs/engines.md with the plan's folding, every board a {@link BoardTopConfig} with its links.
 * Flatten moves nothing (NHWC order is kept), so its output is another name for its input.
 */
public final class Lowering {
  private Lowering() {}

  /** The boards' configs (pipeline order) and the stream of every tensor the hardware carries. */
  public record Lowered(List<BoardTopConfig> boards, Map<String, TensorStream> streams, String graphInput,
      String graphOutput) {}

  public static Lowered lower(QuantizedGraph q, Plan plan, List<Vendor> vendors) {
    Graph g = q.graph();
    Map<String, Shape> shapes = g.shapes();
    Map<String, String> alias = new LinkedHashMap<>(); // Flatten outputs -> the tensor they rename
    Map<String, EngineNode> engines = new LinkedHashMap<>();
    Map<String, Integer> boardOf = new LinkedHashMap<>();
    Map<String, TensorStream> streams = new LinkedHashMap<>();
    for (BoardPlan b : plan.boards()) {
      RamStyle style = vendors.get(b.index()).defaultRamStyle();
      for (EnginePlan e : b.engines()) {
        Node n = g.node(e.node());
        List<String> inputs = new ArrayList<>();
        for (String t : n.inputs()) {
          inputs.add(alias.getOrDefault(t, t));
        }
        if (n.layer() instanceof Flatten) {
          alias.put(n.name(), inputs.get(0));
          continue;
        }
        List<Shape> inShapes = inputs.stream().map(shapes::get).toList();
        EngineConfig config = engine(q, n, inShapes, e, style);
        engines.put(n.name(), new EngineNode(n.name(), config, inputs, n.name()));
        boardOf.put(n.name(), b.index());
        streams.put(n.name(), config.outputs().get(0));
      }
    }
    String input = g.inputs().get(0).name();
    String output = alias.getOrDefault(g.outputs().get(0), g.outputs().get(0));
    // The image arrives at the width its first reader takes.
    EngineNode firstReader = engines.values().stream().filter(en -> en.inputs().contains(input)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no engine reads the graph input " + input));
    streams.put(input, firstReader.engine().inputs().get(firstReader.inputs().indexOf(input)));

    List<BranchFifos.Fifo> fifos = BranchFifos.of(g); // the same derivation the plan counted
    List<BoardTopConfig> boards = new ArrayList<>();
    int count = plan.boards().size();
    String boardInput = input;
    for (int i = 0; i < count; i++) {
      List<EngineNode> nodes = new ArrayList<>();
      for (EngineNode en : engines.values()) {
        if (boardOf.get(en.name()) == i) {
          nodes.add(en);
        }
      }
      String boardOutput = i == count - 1 ? output : cutTensor(engines, boardOf, i);
      Map<String, TensorStream> boardStreams = new LinkedHashMap<>();
      boardStreams.put(boardInput, streams.get(boardInput));
      for (EngineNode en : nodes) {
        boardStreams.put(en.output(), streams.get(en.output()));
      }
      LinkConfig in = i == 0 ? null : LinkConfig.defaults(streams.get(boardInput).lanes(), vendors.get(i));
      LinkConfig out = i == count - 1 ? null : LinkConfig.defaults(streams.get(boardOutput).lanes(), vendors.get(i));
      boards.add(new BoardTopConfig(i, new BoardNetwork(boardInput, nodes, boardOutput), boardStreams, in, out,
          branchFifos(fifos, nodes)));
      boardInput = boardOutput;
    }
    return new Lowered(boards, streams, input, output);
  }

  /** The branch FIFOs in front of this board's engines, by reader. */
  private static Map<BoardNetwork.Reader, Long> branchFifos(List<BranchFifos.Fifo> fifos, List<EngineNode> nodes) {
    Map<BoardNetwork.Reader, Long> m = new LinkedHashMap<>();
    for (BranchFifos.Fifo f : fifos) {
      if (nodes.stream().anyMatch(n -> n.name().equals(f.reader()))) {
        m.put(new BoardNetwork.Reader(f.reader(), f.input()), f.elements());
      }
    }
    return m;
  }

  /** The one tensor board {@code i} sends on: written on it, read on a later board. */
  private static String cutTensor(Map<String, EngineNode> engines, Map<String, Integer> boardOf, int i) {
    String cut = null;
    for (EngineNode en : engines.values()) {
      if (boardOf.get(en.name()) <= i) {
        continue;
      }
      for (String t : en.inputs()) {
        Integer producer = boardOf.get(t);
        if (producer != null && producer == i) {
          if (cut != null && !cut.equals(t)) {
            throw new IllegalArgumentException("board " + i + " sends two tensors (" + cut + ", " + t
                + "): a pipeline cut must cross one tensor");
          }
          cut = t;
        }
      }
    }
    if (cut == null) {
      throw new IllegalArgumentException("board " + i + " sends nothing to the next board");
    }
    return cut;
  }

  private static EngineConfig engine(QuantizedGraph q, Node n, List<Shape> in, EnginePlan e, RamStyle style) {
    Layer l = n.layer();
    Shape x = in.get(0);
    Folding f = e.folding();
    if (l instanceof Conv c) {
      QConv qc = q.conv(n.name());
      RamStyle weights = memoryStyle(e, "weights", style);
      if (c.isDepthwise()) {
        return ConvEngines.depthwise(qc, x, ((Folding.Simd) f).simd(), weights, style);
      }
      Folding.PeSimd p = (Folding.PeSimd) f;
      return ConvEngines.conv(qc, x, p.pe(), p.simd(), weights, style);
    }
    if (l instanceof FullyConnected) {
      QFullyConnected qf = q.fullyConnected(n.name());
      Folding.PeSimd p = (Folding.PeSimd) f;
      return ConvEngines.fullyConnected(qf, x, p.pe(), p.simd(), memoryStyle(e, "weights", style), style);
    }
    int lanes = ((Folding.Lanes) f).lanes();
    if (l instanceof MaxPool p) {
      return StreamEngines.maxPool(p, x, lanes, style);
    }
    if (l instanceof AvgPool) {
      return StreamEngines.avgPool((QAvgPool) q.layer(n.name()), x, lanes, style);
    }
    if (l instanceof GlobalAvgPool) {
      // Per-channel sums: LUT RAM of the board's vendor when shallow, its block RAM otherwise.
      RamStyle sums = x.c() / lanes <= 64 ? styleOf(MemoryPlacement.LUTRAM, style) : style;
      return StreamEngines.globalAvgPool((QGlobalAvgPool) q.layer(n.name()), x, lanes, sums);
    }
    if (l instanceof org.shardwire.model.Add) {
      return StreamEngines.add((QAdd) q.layer(n.name()), x, lanes);
    }
    if (l instanceof Concat) {
      return StreamEngines.concat((QConcat) q.layer(n.name()), in, lanes);
    }
    if (l instanceof ChannelShuffle || l instanceof InsideShuffle) {
      return StreamEngines.shuffle(l, x, lanes);
    }
    if (l instanceof Relu || l instanceof Clip) {
      return StreamEngines.clamp((QClamp) q.layer(n.name()), x, lanes);
    }
    throw new IllegalArgumentException("layer " + n.name() + " (" + l.op() + ") has no hardware engine");
  }

  /** The RAM the plan placed a memory in; the vendor's block RAM when it did not say. */
  private static RamStyle memoryStyle(EnginePlan e, String memory, RamStyle blockRam) {
    for (MemoryPlan m : e.memories()) {
      if (m.name().equals(memory)) {
        return styleOf(m.placement(), blockRam);
      }
    }
    return blockRam;
  }

  private static RamStyle styleOf(MemoryPlacement p, RamStyle blockRam) {
    switch (p) {
      case URAM288:
        return RamStyle.XILINX_ULTRA;
      case M20K:
        return RamStyle.INTEL_M20K;
      case LUTRAM:
        return blockRam.vendor().lutRamStyle();
      default:
        return blockRam;
    }
  }
}
