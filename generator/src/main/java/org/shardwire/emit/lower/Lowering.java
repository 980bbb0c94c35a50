package org.shardwire.emit.lower;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.emit.board.BoardNetwork;
import org.shardwire.emit.board.BoardTopConfig;
import org.shardwire.emit.board.EngineNode;
import org.shardwire.emit.board.LinkEnd;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.Flatten;
import org.shardwire.model.Graph;
import org.shardwire.model.Node;
import org.shardwire.model.Shape;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.BranchFifos;
import org.shardwire.plan.CostModel;
import org.shardwire.plan.EngineConfigs;
import org.shardwire.plan.EnginePlan;
import org.shardwire.plan.MemoryPlacement;
import org.shardwire.plan.MemoryPlan;
import org.shardwire.plan.MemoryStyles;
import org.shardwire.plan.Plan;
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
        if (e.folding() instanceof org.shardwire.plan.Folding.PeSimd p && p.packed()
            && vendors.get(b.index()) != Vendor.XILINX) {
          throw new IllegalArgumentException("layer " + e.node() + " on board " + b.index() + " (" + b.board()
              + ") packs two MACs per DSP48E2, which only Xilinx boards have");
        }
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

    // The same derivation the plan counted, from the engines as built (what they take in before
    // their first output and hold in flight), and checked against the plan's branch FIFOs.
    Map<String, EngineConfig> configs = new LinkedHashMap<>();
    engines.forEach((name, en) -> configs.put(name, en.engine()));
    List<BranchFifos.Fifo> fifos = BranchFifos.of(g, configs);
    checkBranchFifos(plan, fifos, configs);
    List<BoardTopConfig> boards = new ArrayList<>();
    int count = plan.boards().size();
    List<String> boardInputs = List.of(input);
    for (int i = 0; i < count; i++) {
      List<EngineNode> nodes = new ArrayList<>();
      for (EngineNode en : engines.values()) {
        if (boardOf.get(en.name()) == i) {
          nodes.add(en);
        }
      }
      nodes = DdrPlacement.place(nodes);
      List<String> boardOutputs = i == count - 1 ? List.of(output) : cutTensors(plan, alias, engines, boardOf, i);
      Map<String, TensorStream> boardStreams = new LinkedHashMap<>();
      for (String t : boardInputs) {
        boardStreams.put(t, streams.get(t));
      }
      for (EngineNode en : nodes) {
        boardStreams.put(en.output(), streams.get(en.output()));
      }
      Vendor vendor = vendors.get(i);
      // The first tensor of a cut on link_in / link_out, each further one on its own link_in<j> / link_out<j>.
      LinkConfig in = i == 0 ? null : LinkConfig.defaults(streams.get(boardInputs.get(0)).lanes(), vendor);
      LinkConfig out = i == count - 1 ? null : LinkConfig.defaults(streams.get(boardOutputs.get(0)).lanes(), vendor);
      List<LinkEnd> rx = new ArrayList<>();
      for (int j = 1; j < boardInputs.size(); j++) {
        rx.add(new LinkEnd(j, LINK_IN + j, LinkConfig.defaults(streams.get(boardInputs.get(j)).lanes(), vendor)));
      }
      List<LinkEnd> tx = new ArrayList<>();
      for (int j = 1; j < boardOutputs.size() && i < count - 1; j++) {
        tx.add(new LinkEnd(j, LINK_OUT + j, LinkConfig.defaults(streams.get(boardOutputs.get(j)).lanes(), vendor)));
      }
      boards.add(new BoardTopConfig(i, new BoardNetwork(boardInputs, nodes, boardOutputs), boardStreams, in, out,
          branchFifos(fifos, nodes), branchFifoStyles(plan.boards().get(i), vendor.defaultRamStyle()), rx, tx));
      boardInputs = boardOutputs;
    }
    return new Lowered(boards, streams, input, output);
  }

  /** The ports of a pipeline cut's further tensors: {@code link_in<j>} / {@code link_out<j>}, j >= 1. */
  public static final String LINK_IN = "link_in";
  public static final String LINK_OUT = "link_out";

  /**
   * Every branch FIFO the boards build must be the one the plan counted (depth in words of the
   * reader's input stream, {@link BranchFifos#words}), or the plan does not describe the hardware.
   */
  private static void checkBranchFifos(Plan plan, List<BranchFifos.Fifo> fifos, Map<String, EngineConfig> configs) {
    Map<String, Map<Integer, Long>> byReader = BranchFifos.byReader(fifos);
    for (BoardPlan b : plan.boards()) {
      for (EnginePlan e : b.engines()) {
        long planned = e.memories().stream().filter(m -> m.name().equals(CostModel.BRANCH_FIFO))
            .mapToLong(MemoryPlan::depth).sum();
        long elements = byReader.getOrDefault(e.node(), Map.of()).values().stream().mapToLong(Long::longValue).sum();
        long built = elements == 0 ? 0 : Math.max(1, BranchFifos.words(elements,
            configs.get(e.node()).inputs().get(0).lanes()));
        if (planned != built) {
          throw new IllegalStateException("layer " + e.node() + ": the board builds a branch FIFO of " + built
              + " words in front of it but the plan counted " + planned);
        }
      }
    }
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

  /** The RAM each branch FIFO of the board is built in: where the plan placed it (reader node -> style). */
  static Map<String, RamStyle> branchFifoStyles(BoardPlan board, RamStyle blockRam) {
    Map<String, RamStyle> m = new LinkedHashMap<>();
    for (EnginePlan e : board.engines()) {
      for (MemoryPlan mem : e.memories()) {
        if (mem.name().equals(CostModel.BRANCH_FIFO)) {
          m.put(e.node(), styleOf(mem.placement(), blockRam));
        }
      }
    }
    return m;
  }

  /**
   * The tensors board {@code i} sends on, in the plan's link order: each made on it or an earlier
   * board (a shortcut may pass through) and read on a later one. They must be exactly the tensors
   * the engines need across the cut, or the plan does not describe the hardware.
   */
  private static List<String> cutTensors(Plan plan, Map<String, String> alias, Map<String, EngineNode> engines,
      Map<String, Integer> boardOf, int i) {
    List<String> planned = plan.links().stream().filter(l -> l.from() == i)
        .map(l -> alias.getOrDefault(l.tensor(), l.tensor())).toList();
    java.util.Set<String> needed = new java.util.TreeSet<>();
    for (EngineNode en : engines.values()) {
      if (boardOf.get(en.name()) <= i) {
        continue;
      }
      for (String t : en.inputs()) {
        Integer producer = boardOf.get(t);
        if (producer != null && producer <= i) {
          needed.add(t);
        }
      }
    }
    if (planned.isEmpty() || !needed.equals(new java.util.TreeSet<>(planned))) {
      throw new IllegalStateException("board " + i + ": the plan sends " + planned + " to the next board, its engines"
          + " need " + needed + " from it");
    }
    return planned;
  }

  /**
   * The node's engine at the plan's folding, every memory built in the RAM the plan placed it in;
   * then checked: the config's memories must be exactly the plan's (name, shape, placement), or
   * the plan does not describe the hardware, which is a bug.
   */
  static EngineConfig engine(QuantizedGraph q, Node n, List<Shape> in, EnginePlan e, RamStyle blockRam) {
    Map<String, RamStyle> styles = new LinkedHashMap<>();
    for (MemoryPlan m : e.memories()) {
      styles.put(m.name(), styleOf(m.placement(), blockRam));
    }
    EngineConfig config = EngineConfigs.of(q, n, in).at(e.folding(), new MemoryStyles(blockRam, styles));
    // Compared per memory (banks of one word summed: their split follows the block port of the
    // RAM they land in, which the cost model could not know) by bits and RAM style.
    Map<String, Long> built = new java.util.TreeMap<>();
    for (MemorySpec m : config.memories()) {
      built.merge(unbanked(m.name()) + " " + m.style(), m.bits(), Long::sum);
    }
    Map<String, Long> planned = new java.util.TreeMap<>();
    for (MemoryPlan m : e.memories()) {
      if (!m.name().equals(CostModel.BRANCH_FIFO)) { // built by the board top in front of the engine
        planned.merge(unbanked(m.name()) + " " + styles.get(m.name()), (long) m.width() * m.depth(), Long::sum);
      }
    }
    if (!built.equals(planned)) {
      throw new IllegalStateException("layer " + n.name() + ": the engine builds memories (bits by RAM) " + built
          + " but the plan placed " + planned);
    }
    return config;
  }

  /** A memory's name without its bank suffix ({@code weights_b1} -> {@code weights}). */
  private static String unbanked(String name) {
    return name.replaceFirst("_b\\d+$", "");
  }

  /** The RAM style of a plan placement on a board whose block RAM style is {@code blockRam}. */
  public static RamStyle styleOf(MemoryPlacement p, RamStyle blockRam) {
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
