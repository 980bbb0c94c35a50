package org.shardwire.report;

/**
 * A JSON file Shardwire reads (plan.json, source.json, a sweep spec) is malformed: the message
 * names the file, the key and what is allowed. Bad input, so the CLI exits 2.
 */
public final class JsonFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public JsonFileException(String message) {
    super(message);
  }

  public JsonFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
