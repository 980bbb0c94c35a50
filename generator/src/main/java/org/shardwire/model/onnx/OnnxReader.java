package org.shardwire.model.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code .onnx} and {@code .pb} files into protobuf messages, with messages that name the file. */
public final class OnnxReader {
  private OnnxReader() {}

  public static ModelProto readModel(Path file) {
    return parseModel(readBytes(file), file.toString());
  }

  /** An ONNX model from its bytes; {@code file} names it in messages. */
  public static ModelProto parseModel(byte[] bytes, String file) {
    ModelProto model;
    try {
      model = ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new OnnxImportException(file + ": not a readable ONNX model (truncated or corrupt protobuf: "
          + e.getMessage() + ")", e);
    }
    if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
      throw new OnnxImportException(file + ": not an ONNX model (no graph with nodes; truncated or not an .onnx file)");
    }
    if (model.getIrVersion() <= 0) {
      throw new OnnxImportException(file + ": not an ONNX model (ir_version missing; truncated or not an .onnx file)");
    }
    return model;
  }

  /** The default-domain opset version the model was saved with (ONNX semantics of some ops depend on it). */
  public static long defaultOpset(ModelProto model) {
    for (OperatorSetIdProto id : model.getOpsetImportList()) {
      if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
        return id.getVersion();
      }
    }
    return 1;
  }

  /** Reads one serialized TensorProto (the {@code input_N.pb}/{@code output_N.pb} files of the ONNX tests). */
  public static OnnxTensor readTensor(Path file) {
    byte[] bytes = readBytes(file);
    try {
      return OnnxTensor.decode(TensorProto.parseFrom(bytes), file.toString());
    } catch (InvalidProtocolBufferException e) {
      throw new OnnxImportException(file + ": not a readable ONNX tensor (" + e.getMessage() + ")", e);
    }
  }

  private static byte[] readBytes(Path file) {
    if (Files.isDirectory(file)) {
      throw new OnnxImportException(file + ": is a directory; expected an .onnx file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new OnnxImportException(file + ": no such file");
    } catch (IOException e) {
      throw new OnnxImportException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    if (bytes.length == 0) {
      throw new OnnxImportException(file + ": file is empty");
    }
    return bytes;
  }
}
