package org.shardwire.model;

/**
 * A graph that cannot be right: a shape mismatch, a dangling input name, a cycle. The message
 * names the node and its op and, for shape errors, both shapes. It is an
 * {@link IllegalArgumentException}, so the CLI reports it as bad input (exit 2).
 */
public final class GraphException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public GraphException(String message) {
    super(message);
  }

  /** "layer 'name' (Op): detail". */
  public static GraphException at(String node, Layer layer, String detail) {
    return new GraphException("layer '" + node + "' (" + layer.op() + "): " + detail);
  }
}
