package org.shardwire.emit.board;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.engines.conv.DdrWeightEngine;
import org.shardwire.blocks.reader.DdrWeightLayout;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.RamStyle;

/**
 * One board of a cluster: its engines, the stream width of every tensor as its producer writes
 * it, and its links. A pipeline board reads its one input from {@code s_axis} (the first board)
 * or {@code inLink}, and writes its one output to {@code m_axis} (the last board) or
 * {@code outLink}; a pipeline cut inside a block sends further tensors (a shortcut), each on its own
 * {@code rxLinks} / {@code txLinks} endpoint (inputs and outputs 1, 2, ..). A channel-group board (docs/channel-groups.md) reads the image from
 * {@code s_axis} and every received slice from an {@code rxLinks} endpoint, and writes every sent
 * slice to a {@code txLinks} endpoint (board 0 writes the scores, its output 0, to {@code m_axis}).
 *
 * @param streams every tensor of the board (its inputs included) with the lanes it is produced at
 * @param inLink the pipeline link from the previous board, or null
 * @param outLink the pipeline link to the next board, or null
 * @param branchFifos the plan's branch FIFOs (org.shardwire.plan.BranchFifos): int8 elements of
 *     the fork tensor in front of each reader that needs one
 * @param branchFifoStyles the RAM each reader's branch FIFO is built in, as the plan placed it
 *     (reader node name -> style); a FIFO without one is left to the synthesis tool
 * @param rxLinks channel groups: the inputs that arrive over a link, by input index
 * @param txLinks channel groups: the outputs that leave over a link, by output index
 */
public record BoardTopConfig(int index, BoardNetwork network, Map<String, TensorStream> streams, LinkConfig inLink,
    LinkConfig outLink, Map<BoardNetwork.Reader, Long> branchFifos, Map<String, RamStyle> branchFifoStyles,
    List<LinkEnd> rxLinks, List<LinkEnd> txLinks) {

  /** A board whose branch FIFOs are left to the synthesis tool's choice of RAM. */
  public BoardTopConfig(int index, BoardNetwork network, Map<String, TensorStream> streams, LinkConfig inLink,
      LinkConfig outLink, Map<BoardNetwork.Reader, Long> branchFifos) {
    this(index, network, streams, inLink, outLink, branchFifos, Map.of());
  }

  /** A pipeline board. */
  public BoardTopConfig(int index, BoardNetwork network, Map<String, TensorStream> streams, LinkConfig inLink,
      LinkConfig outLink, Map<BoardNetwork.Reader, Long> branchFifos, Map<String, RamStyle> branchFifoStyles) {
    this(index, network, streams, inLink, outLink, branchFifos, branchFifoStyles, List.of(), List.of());
  }

  public BoardTopConfig {
    streams = new LinkedHashMap<>(streams);
    branchFifos = new LinkedHashMap<>(branchFifos);
    branchFifoStyles = new LinkedHashMap<>(branchFifoStyles);
    rxLinks = List.copyOf(rxLinks);
    txLinks = List.copyOf(txLinks);
    for (String t : network.readers().keySet()) {
      if (!streams.containsKey(t)) {
        throw new IllegalArgumentException("board " + index + ": no stream width for tensor '" + t + "'");
      }
    }
    if (inLink != null && inLink.lanes() != streams.get(network.input()).lanes()) {
      throw new IllegalArgumentException("board " + index + ": the incoming link carries " + inLink.lanes()
          + " lanes, the board input has " + streams.get(network.input()).lanes());
    }
    if (outLink != null && outLink.lanes() != streams.get(network.output()).lanes()) {
      throw new IllegalArgumentException("board " + index + ": the outgoing link carries " + outLink.lanes()
          + " lanes, the board output has " + streams.get(network.output()).lanes());
    }
    for (LinkEnd e : rxLinks) {
      if (inLink != null && e.index() == 0) {
        throw new IllegalArgumentException("board " + index + ": input 0 arrives on the pipeline link and on " + e.port());
      }
    }
    for (LinkEnd e : txLinks) {
      if (outLink != null && e.index() == 0) {
        throw new IllegalArgumentException("board " + index + ": output 0 leaves on the pipeline link and on " + e.port());
      }
    }
    long hostInputs = network.inputs().size() - rxLinks.size() - (inLink != null ? 1 : 0);
    long hostOutputs = network.outputs().size() - txLinks.size() - (outLink != null ? 1 : 0);
    if (hostInputs > 1 || hostOutputs > 1 || hostInputs < 0 || hostOutputs < 0) {
      throw new IllegalArgumentException("board " + index + ": " + hostInputs + " host input(s) and " + hostOutputs
          + " host output(s); a board has at most one s_axis and one m_axis");
    }
    for (LinkEnd e : rxLinks) {
      checkLanes(index, "receives", e, streams.get(network.inputs().get(e.index())));
    }
    for (LinkEnd e : txLinks) {
      checkLanes(index, "sends", e, streams.get(network.outputs().get(e.index())));
    }
  }


  private static void checkLanes(int index, String what, LinkEnd e, TensorStream s) {
    if (e.config().lanes() != s.lanes()) {
      throw new IllegalArgumentException("board " + index + ": link " + e.port() + " " + what + " " + e.config().lanes()
          + " lanes, its stream has " + s.lanes());
    }
  }

  /**
   * The board's DDR weight image layout, read back from its streamed engines' regions (placed by
   * the lowering, {@code emit.lower.DdrPlacement}); empty when every weight is on chip.
   */
  public java.util.Optional<DdrWeightLayout> ddrLayout() {
    List<DdrWeightLayout.Region> regions = new java.util.ArrayList<>();
    for (EngineNode n : network.nodes()) {
      if (n.engine() instanceof DdrWeightEngine s) {
        regions.add(s.stream().region());
      }
    }
    if (regions.isEmpty()) {
      return java.util.Optional.empty();
    }
    long base = regions.get(0).byteAddress();
    return java.util.Optional.of(new DdrWeightLayout(regions.get(0).beatBytes(), base, regions));
  }

  /** The weight words of every streamed engine, by region name: what its DDR image holds. */
  public Map<String, List<java.math.BigInteger>> ddrWords() {
    Map<String, List<java.math.BigInteger>> m = new LinkedHashMap<>();
    for (EngineNode n : network.nodes()) {
      if (n.engine() instanceof DdrWeightEngine s) {
        m.put(s.stream().region().name(), s.conv().weightWords());
      }
    }
    return m;
  }

  /** The channel-group endpoint of input {@code i}, or null. */
  public LinkEnd rxLink(int i) {
    return rxLinks.stream().filter(e -> e.index() == i).findFirst().orElse(null);
  }

  /** The channel-group endpoint of output {@code k}, or null. */
  public LinkEnd txLink(int k) {
    return txLinks.stream().filter(e -> e.index() == k).findFirst().orElse(null);
  }

  /** The monitor copy of output k: {@code mon_*} for output 0, {@code mon<k>_*} for the others. */
  public static String monitor(int k) {
    return k == 0 ? "mon" : "mon" + k;
  }

  public TensorStream inputStream() {
    return streams.get(network.input());
  }

  public TensorStream outputStream() {
    return streams.get(network.output());
  }

  public String moduleName() {
    return "board" + index + "_top";
  }

  /** Hash of everything that shapes this board's RTL (engine names carry their weights' hashes). */
  public String configHash() {
    StringBuilder sb = new StringBuilder(moduleName());
    for (EngineNode n : network.nodes()) {
      sb.append('|').append(n.name()).append('=').append(n.engine().moduleName()).append(n.inputs());
    }
    sb.append('|').append(inLink).append('|').append(outLink);
    if (!rxLinks.isEmpty() || !txLinks.isEmpty()) {
      sb.append('|').append(rxLinks).append('|').append(txLinks);
    }
    sb.append('|').append(branchFifos).append('|').append(branchFifoStyles);
    return GeneratorStamp.configHash(sb.toString());
  }
}
