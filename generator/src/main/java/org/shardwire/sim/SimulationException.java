package org.shardwire.sim;

/** A simulation that could not be built or run (not a mismatch: those are in {@link SimResult}). */
public final class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulationException(String message) {
    super(message);
  }

  public SimulationException(String message, Throwable cause) {
    super(message, cause);
  }
}
