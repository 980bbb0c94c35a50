package org.shardwire.model.onnx;

/**
 * An ONNX file the importer cannot turn into a graph: unreadable, corrupt, unsupported op or a
 * shape that does not fit. The message names the file, node or tensor and what is allowed.
 * It is an {@link IllegalArgumentException} so the CLI maps it to exit 2 (bad input).
 */
public final class OnnxImportException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public OnnxImportException(String message) {
    super(message);
  }

  public OnnxImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
