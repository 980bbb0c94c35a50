package org.shardwire.model.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;

/** The ONNX element types the importer reads; every other type is refused by name. */
public enum ElementType {
  FLOAT(DataType.FLOAT_VALUE, true),
  DOUBLE(DataType.DOUBLE_VALUE, true),
  UINT8(DataType.UINT8_VALUE, false),
  INT8(DataType.INT8_VALUE, false),
  INT32(DataType.INT32_VALUE, false),
  INT64(DataType.INT64_VALUE, false);

  private final int onnxCode;
  private final boolean floating;

  ElementType(int onnxCode, boolean floating) {
    this.onnxCode = onnxCode;
    this.floating = floating;
  }

  public int onnxCode() {
    return onnxCode;
  }

  public boolean isFloating() {
    return floating;
  }

  /** The type for an ONNX data_type code, or an exception naming {@code what} and the code. */
  public static ElementType fromOnnx(int code, String what) {
    for (ElementType t : values()) {
      if (t.onnxCode == code) {
        return t;
      }
    }
    DataType known = DataType.forNumber(code);
    throw new OnnxImportException(what + " has element type " + (known == null ? "code " + code : known.name())
        + "; supported: FLOAT, DOUBLE, UINT8, INT8, INT32, INT64");
  }
}
