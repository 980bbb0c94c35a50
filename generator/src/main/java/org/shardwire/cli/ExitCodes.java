package org.shardwire.cli;

/**
 * The CLI's exit codes (README, "Exit codes"): 0 success (simulate: bit-exact),
 * 1 internal error (a bug: please report it), 2 bad input (the message names the file, field or
 * layer and what is allowed), 3 simulate ran but the RTL is not bit-exact, 4 doctor found the
 * install not OK (each failing line says how to fix it).
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int BAD_INPUT = 2;
  public static final int NOT_BIT_EXACT = 3;
  public static final int INSTALL_NOT_OK = 4;

  private ExitCodes() {}
}
