package org.shardwire.emit.board;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engines of one board in topological order: the board reads {@code inputs} (from the host
 * or a link) and writes {@code outputs} (to a link or the host). A pipeline board has one of each;
 * a channel-group board reads the image and every slice it receives, and writes every slice it
 * sends (board 0 the scores first).
 */
public record BoardNetwork(List<String> inputs, List<EngineNode> nodes, List<String> outputs) {
  public BoardNetwork {
    inputs = List.copyOf(inputs);
    nodes = List.copyOf(nodes);
    outputs = List.copyOf(outputs);
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException("board network needs an input and an output");
    }
    Set<String> available = new HashSet<>(inputs);
    for (EngineNode n : nodes) {
      for (String t : n.inputs()) {
        if (!available.contains(t)) {
          throw new IllegalArgumentException("board network: " + n.name() + " reads '" + t
              + "' before any engine on this board writes it (nodes must be in topological order)");
        }
      }
      available.add(n.output());
    }
    for (String output : outputs) {
      if (!available.contains(output)) {
        throw new IllegalArgumentException("board network: no engine writes the board output '" + output + "'");
      }
    }
  }

  /** A pipeline board: one input, one output. */
  public BoardNetwork(String input, List<EngineNode> nodes, String output) {
    this(List.of(input), nodes, List.of(output));
  }

  /** The first input (a pipeline board's only one). */
  public String input() {
    return inputs.get(0);
  }

  /** The first output (a pipeline board's only one). */
  public String output() {
    return outputs.get(0);
  }

  /** Each tensor's readers: (node, input index), in node order; board output k counts as {@link Reader#output(int)}. */
  public Map<String, List<Reader>> readers() {
    Map<String, List<Reader>> readers = new LinkedHashMap<>();
    for (String in : inputs) {
      readers.computeIfAbsent(in, k -> new ArrayList<>());
    }
    for (EngineNode n : nodes) {
      readers.computeIfAbsent(n.output(), k -> new ArrayList<>());
      for (int i = 0; i < n.inputs().size(); i++) {
        readers.get(n.inputs().get(i)).add(new Reader(n.name(), i));
      }
    }
    for (int k = 0; k < outputs.size(); k++) {
      readers.get(outputs.get(k)).add(Reader.output(k));
    }
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

  /** A reader of a tensor: an engine's input port, or one of the board's outputs. */
  public record Reader(String node, int input) {
    private static final String OUTPUT = "(board output)";
    /** The board's first (a pipeline board's only) output. */
    public static final Reader BOARD_OUTPUT = output(0);

    /** Board output {@code k}. */
    public static Reader output(int k) {
      return new Reader(OUTPUT, k);
    }

    public boolean isBoardOutput() {
      return node.equals(OUTPUT);
    }
  }
}
