package org.shardwire.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which conv and fully connected layers may stream their weights from board DDR
 * (docs/ddr-weights.md; {@code --ddr-weights}): {@code auto} lets the planner weigh the streamed
 * form of every such layer beside the on-chip one and take it where on-chip memory runs out,
 * within the board's DDR bandwidth; {@code off} keeps every weight on chip; a list of layers
 * streams exactly those (and keeps the others on chip), whatever the planner would choose.
 */
public record DdrWeights(Mode mode, Set<String> layers) {
  public enum Mode { AUTO, OFF, LAYERS }

  public static final DdrWeights AUTO = new DdrWeights(Mode.AUTO, Set.of());
  public static final DdrWeights OFF = new DdrWeights(Mode.OFF, Set.of());

  public DdrWeights {
    layers = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(layers));
    if ((mode == Mode.LAYERS) == layers.isEmpty()) {
      throw new IllegalArgumentException("a DDR weight choice lists layers exactly when it names them");
    }
  }

  /** {@code auto}, {@code off}, or layer names separated by commas. */
  public static DdrWeights parse(String text) {
    String t = text.strip();
    if (t.equals("auto")) {
      return AUTO;
    }
    if (t.equals("off")) {
      return OFF;
    }
    Set<String> names = new LinkedHashSet<>();
    for (String n : t.split(",")) {
      if (n.isBlank()) {
        throw new IllegalArgumentException("must be auto, off or a comma-separated list of conv/FC layer names, got '"
            + text + "'");
      }
      names.add(n.strip());
    }
    return new DdrWeights(Mode.LAYERS, names);
  }

  /** Whether layer {@code node} may take a streamed folding. */
  public boolean offers(String node) {
    return mode == Mode.AUTO || layers.contains(node);
  }

  /** Whether layer {@code node} must take a streamed folding. */
  public boolean forces(String node) {
    return mode == Mode.LAYERS && layers.contains(node);
  }

  /** The listed layers that are not among {@code convLayers} (names of the graph's conv and FC layers). */
  public List<String> unknown(Set<String> convLayers) {
    return layers.stream().filter(n -> !convLayers.contains(n)).toList();
  }

  public String label() {
    return switch (mode) {
      case AUTO -> "auto";
      case OFF -> "off";
      case LAYERS -> String.join(",", layers);
    };
  }
}
