package org.shardwire.emit.board;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engines of one board in topological order: the board reads {@code input} (from the host or
 * the previous board's link) and writes {@code output} (to the next board's link or the host).
 */
public record BoardNetwork(String input, List<EngineNode> nodes, String output) {
  public BoardNetwork {
    nodes = List.copyOf(nodes);
    Set<String> available = new HashSet<>();
    available.add(input);
    for (EngineNode n : nodes) {
      for (String t : n.inputs()) {
        if (!available.contains(t)) {
          throw new IllegalArgumentException("board network: " + n.name() + " reads '" + t
              + "' before any engine on this board writes it (nodes must be in topological order)");
        }
      }
      available.add(n.output());
    }
    if (!available.contains(output)) {
      throw new IllegalArgumentException("board network: no engine writes the board output '" + output + "'");
    }
  }

  /** Each tensor's readers: (node, input index), in node order; the board output counts as one. */
  public Map<String, List<Reader>> readers() {
    Map<String, List<Reader>> readers = new LinkedHashMap<>();
    readers.computeIfAbsent(input, k -> new ArrayList<>());
    for (EngineNode n : nodes) {
      readers.computeIfAbsent(n.output(), k -> new ArrayList<>());
      for (int i = 0; i < n.inputs().size(); i++) {
        readers.get(n.inputs().get(i)).add(new Reader(n.name(), i));
      }
    }
    readers.get(output).add(Reader.BOARD_OUTPUT);
    return readers;
  }

  public EngineNode node(String name) {
    for (EngineNode n : nodes) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    throw new IllegalArgumentException("board network has no node " + name);
  }

  /** A reader of a tensor: an engine's input port, or the board's output. */
  public record Reader(String node, int input) {
    public static final Reader BOARD_OUTPUT = new Reader("(board output)", 0);
  }
}
