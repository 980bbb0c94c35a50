package org.shardwire.emit.board;

import java.util.LinkedHashMap;
import java.util.Map;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.link.LinkConfig;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.RamStyle;

/**
 * One board of a cluster: its engines, the stream width of every tensor as its producer writes
 * it, and its links. The first board reads the image from {@code s_axis}; every other board reads
 * its input from a link. The last board writes the scores to {@code m_axis}; every other board
 * writes its output to a link.
 *
 * @param streams every tensor of the board (its input included) with the lanes it is produced at
 * @param inLink the link from the previous board, or null on the first board
 * @param outLink the link to the next board, or null on the last board
 * @param branchFifos the plan's branch FIFOs (org.shardwire.plan.BranchFifos): int8 elements of
 *     the fork tensor in front of each reader that needs one
 * @param branchFifoStyles the RAM each reader's branch FIFO is built in, as the plan placed it
 *     (reader node name -> style); a FIFO without one is left to the synthesis tool
 */
public record BoardTopConfig(int index, BoardNetwork network, Map<String, TensorStream> streams, LinkConfig inLink,
    LinkConfig outLink, Map<BoardNetwork.Reader, Long> branchFifos, Map<String, RamStyle> branchFifoStyles) {

  /** A board whose branch FIFOs are left to the synthesis tool's choice of RAM. */
  public BoardTopConfig(int index, BoardNetwork network, Map<String, TensorStream> streams, LinkConfig inLink,
      LinkConfig outLink, Map<BoardNetwork.Reader, Long> branchFifos) {
    this(index, network, streams, inLink, outLink, branchFifos, Map.of());
  }

  public BoardTopConfig {
    streams = new LinkedHashMap<>(streams);
    branchFifos = new LinkedHashMap<>(branchFifos);
    branchFifoStyles = new LinkedHashMap<>(branchFifoStyles);
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
    sb.append('|').append(branchFifos).append('|').append(branchFifoStyles);
    return GeneratorStamp.configHash(sb.toString());
  }
}
