package org.shardwire.sim;

/** A required external tool (Verilator) is missing: a failure, never a reason to skip. */
public final class ToolMissingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ToolMissingException(String message) {
    super(message);
  }
}
