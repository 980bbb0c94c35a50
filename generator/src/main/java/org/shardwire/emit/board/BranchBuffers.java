package org.shardwire.emit.board;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.plan.BranchFifos;

/**
 * The FIFOs behind the board's forks: the depths {@link BranchFifos} derived for the plan (in
 * int8 elements of the fork tensor), turned into words of each reader's input stream with the
 * same rule the plan counts them by ({@link BranchFifos#words}). Nothing is re-derived here, so the
 * board builds exactly the FIFOs the plan placed (docs/engines.md, "Fill latency and branch FIFOs").
 */
public final class BranchBuffers {
  private BranchBuffers() {}

  /** A FIFO on one reader of a forked tensor, {@code depth} words of that reader's input stream. */
  public record Fifo(String tensor, BoardNetwork.Reader reader, long depth, long elements) {}

  /**
   * The FIFO of every reader of a forked tensor that needs one.
   *
   * @param elements the plan's branch FIFOs: int8 elements in front of each reader
   * @throws IllegalArgumentException if a FIFO names a reader that does not read a forked tensor
   */
  public static Map<BoardNetwork.Reader, Fifo> size(BoardNetwork net, Map<BoardNetwork.Reader, Long> elements) {
    Map<BoardNetwork.Reader, Fifo> fifos = new LinkedHashMap<>();
    // Readers of a forked tensor, and (channel groups) the local pieces of a gather that waits
    // for a piece from another board (plan.ExchangeFifos): a board input is a received piece.
    Map<BoardNetwork.Reader, String> forked = new LinkedHashMap<>();
    for (Map.Entry<String, List<BoardNetwork.Reader>> e : net.readers().entrySet()) {
      if (e.getValue().size() > 1) {
        e.getValue().forEach(r -> forked.put(r, e.getKey()));
      }
    }
    if (net.inputs().size() > 1) {
      for (EngineNode n : net.nodes()) {
        if (n.inputs().stream().anyMatch(net.inputs()::contains)) {
          for (int i = 0; i < n.inputs().size(); i++) {
            forked.putIfAbsent(new BoardNetwork.Reader(n.name(), i), n.inputs().get(i));
          }
        }
      }
    }
    for (Map.Entry<BoardNetwork.Reader, Long> e : elements.entrySet()) {
      BoardNetwork.Reader r = e.getKey();
      String tensor = forked.get(r);
      if (tensor == null) {
        throw new IllegalArgumentException("branch FIFO for input " + r.input() + " of " + r.node()
            + ": that input does not read a forked tensor on this board");
      }
      TensorStream in = net.node(r.node()).engine().inputs().get(r.input());
      long depth = BranchFifos.words(e.getValue(), in.lanes());
      if (depth > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("branch FIFO for " + r.node() + ": " + depth + " words is too deep");
      }
      if (depth > 0) {
        fifos.put(r, new Fifo(tensor, r, depth, e.getValue()));
      }
    }
    return fifos;
  }
}
