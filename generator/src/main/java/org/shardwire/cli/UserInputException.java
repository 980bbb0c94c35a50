package org.shardwire.cli;

/** Bad input from the user: the message names the file, field or layer and what is allowed (exit 2). */
public final class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserInputException(String message) {
    super(message);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
