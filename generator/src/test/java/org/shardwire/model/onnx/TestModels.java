package org.shardwire.model.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;

/** Small broken ONNX models shared by the importer and CLI tests. */
public final class TestModels {
  private TestModels() {}

  static TinyOnnx convNet(long inChannels) {
    return new TinyOnnx()
        .input("x", 1, inChannels, 8, 8)
        .weight("w", TinyOnnx.ramp(4 * 3 * 3 * 3), 4, 3, 3, 3)
        .node("Conv", "conv1", new String[] {"x", "w"}, "y", TinyOnnx.ints("pads", 1, 1, 1, 1))
        .node("Relu", "relu1", new String[] {"y"}, "z")
        .output("z", 1, 4, 8, 8);
  }

  /** A valid conv net followed by two ops the importer does not support. */
  public static ModelProto unsupportedOps() {
    return convNet(3)
        .node("Sigmoid", "sig", new String[] {"z"}, "s")
        .node("Softmax", "soft", new String[] {"s"}, "p")
        .build();
  }

  /** A conv whose weights expect 3 input channels fed with 5. */
  public static ModelProto shapeMismatch() {
    return convNet(5).build();
  }

  public static ModelProto zeroSizeInput() {
    return new TinyOnnx()
        .input("x", 1, 3, 0, 8)
        .node("Relu", "relu1", new String[] {"x"}, "z")
        .output("z", 1, 3, 0, 8)
        .build();
  }
}
