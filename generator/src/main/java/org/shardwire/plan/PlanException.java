package org.shardwire.plan;

/** The network cannot be planned on these boards (bad input for the CLI: exit 2). */
public final class PlanException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PlanException(String message) {
    super(message);
  }
}
