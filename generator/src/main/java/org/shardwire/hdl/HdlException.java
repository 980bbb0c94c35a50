package org.shardwire.hdl;

/**
 * An error in a hardware description, reported in terms of the Java source that caused it
 * (SpinalHDL's width-mismatch, latch and loop checks arrive here with the Java file and line).
 */
public final class HdlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HdlException(String message) {
    super(message);
  }

  public HdlException(String message, Throwable cause) {
    super(message, cause);
  }
}
