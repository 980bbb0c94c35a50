package org.shardwire.model;

import java.util.List;

/** One row of the layer table: a node, its op, its inputs, output shape, MACs and parameters. */
public record LayerStats(String name, String op, String attributes, List<String> inputs, Shape output, long macs,
                         long params) {
  public LayerStats {
    inputs = List.copyOf(inputs);
  }
}
