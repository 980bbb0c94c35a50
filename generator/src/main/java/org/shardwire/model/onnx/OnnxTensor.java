package org.shardwire.model.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A decoded ONNX tensor (initializer, Constant value, or conformance test .pb), row-major.
 * Floating types keep their values in {@code floats}, integer types in {@code longs}; the other
 * array is null. Arrays are not copied: treat them as read-only.
 */
public record OnnxTensor(String name, ElementType type, int[] dims, float[] floats, long[] longs) {

  public OnnxTensor {
    if (name == null || type == null || dims == null) {
      throw new IllegalArgumentException("tensor name, type and dims are required");
    }
    for (int d : dims) {
      if (d < 0) {
        throw new OnnxImportException("tensor '" + name + "' has a negative dimension: " + Arrays.toString(dims));
      }
    }
    if ((floats != null) != type.isFloating() || (longs != null) == type.isFloating()) {
      throw new IllegalArgumentException("tensor '" + name + "': values array does not match type " + type);
    }
    long expected = product(dims);
    int actual = floats != null ? floats.length : longs.length;
    if (actual != expected) {
      throw new OnnxImportException("tensor '" + name + "' has " + actual + " values but its dims "
          + Arrays.toString(dims) + " need " + expected);
    }
  }

  public static OnnxTensor ofFloats(String name, int[] dims, float[] values) {
    return new OnnxTensor(name, ElementType.FLOAT, dims, values, null);
  }

  public static OnnxTensor ofLongs(String name, ElementType type, int[] dims, long[] values) {
    return new OnnxTensor(name, type, dims, null, values);
  }

  public int size() {
    return floats != null ? floats.length : longs.length;
  }

  public int rank() {
    return dims.length;
  }

  /** Value i as a double, whatever the element type. */
  public double get(int i) {
    return floats != null ? floats[i] : longs[i];
  }

  /** All values as floats (integer tensors converted). */
  public float[] asFloats() {
    if (floats != null) {
      return floats;
    }
    float[] out = new float[longs.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = longs[i];
    }
    return out;
  }

  /** All values as longs; refuses a floating tensor, naming it and {@code use}. */
  public long[] asLongs(String use) {
    if (longs == null) {
      throw new OnnxImportException(use + ": tensor '" + name + "' must be an integer tensor, found " + type);
    }
    return longs;
  }

  static long product(int[] dims) {
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** Decodes a TensorProto; {@code where} names the file or node for error messages. */
  public static OnnxTensor decode(TensorProto t, String where) {
    String label = where + ": tensor '" + t.getName() + "'";
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
      throw new OnnxImportException(label + " keeps its data in an external file; only self-contained .onnx files"
          + " are supported (re-save the model with all tensors inside)");
    }
    ElementType type = ElementType.fromOnnx(t.getDataType(), label);
    int[] dims = new int[t.getDimsCount()];
    for (int i = 0; i < dims.length; i++) {
      long d = t.getDims(i);
      if (d < 0 || d > Integer.MAX_VALUE) {
        throw new OnnxImportException(label + " has dimension " + d + " at axis " + i);
      }
      dims[i] = (int) d;
    }
    long count = product(dims);
    if (count > Integer.MAX_VALUE) {
      throw new OnnxImportException(label + " is too large: " + count + " elements");
    }
    int n = (int) count;
    if (t.hasRawData()) {
      return decodeRaw(t.getName(), type, dims, n, t.getRawData(), label);
    }
    switch (type) {
      case FLOAT: {
        checkCount(label, t.getFloatDataCount(), n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          v[i] = t.getFloatData(i);
        }
        return new OnnxTensor(t.getName(), type, dims, v, null);
      }
      case DOUBLE: {
        checkCount(label, t.getDoubleDataCount(), n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          v[i] = (float) t.getDoubleData(i);
        }
        return new OnnxTensor(t.getName(), type, dims, v, null);
      }
      case INT64: {
        checkCount(label, t.getInt64DataCount(), n);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = t.getInt64Data(i);
        }
        return new OnnxTensor(t.getName(), type, dims, null, v);
      }
      default: {
        // INT8, UINT8 and INT32 all travel in int32_data.
        checkCount(label, t.getInt32DataCount(), n);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          int x = t.getInt32Data(i);
          v[i] = type == ElementType.UINT8 ? (x & 0xff) : type == ElementType.INT8 ? (byte) x : x;
        }
        return new OnnxTensor(t.getName(), type, dims, null, v);
      }
    }
  }

  private static void checkCount(String label, int have, int need) {
    if (have != need) {
      throw new OnnxImportException(label + " holds " + have + " values but its dims need " + need
          + " (truncated or corrupt tensor)");
    }
  }

  private static OnnxTensor decodeRaw(String name, ElementType type, int[] dims, int n, ByteString raw, String label) {
    int width = switch (type) {
      case FLOAT, INT32 -> 4;
      case DOUBLE, INT64 -> 8;
      case UINT8, INT8 -> 1;
    };
    if (raw.size() != (long) n * width) {
      throw new OnnxImportException(label + " has " + raw.size() + " bytes of raw data but its dims need "
          + ((long) n * width) + " (truncated or corrupt tensor)");
    }
    ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    if (type.isFloating()) {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = type == ElementType.FLOAT ? b.getFloat() : (float) b.getDouble();
      }
      return new OnnxTensor(name, type, dims, v, null);
    }
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = switch (type) {
        case UINT8 -> b.get() & 0xff;
        case INT8 -> b.get();
        case INT32 -> b.getInt();
        default -> b.getLong();
      };
    }
    return new OnnxTensor(name, type, dims, null, v);
  }

  /** Encodes this tensor as a TensorProto with little-endian raw data (used by the exporter). */
  public TensorProto encode() {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(type.onnxCode());
    for (int d : dims) {
      b.addDims(d);
    }
    int width = switch (type) {
      case FLOAT, INT32 -> 4;
      case DOUBLE, INT64 -> 8;
      case UINT8, INT8 -> 1;
    };
    ByteBuffer buf = ByteBuffer.allocate(size() * width).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < size(); i++) {
      switch (type) {
        case FLOAT -> buf.putFloat(floats[i]);
        case DOUBLE -> buf.putDouble(floats[i]);
        case INT32 -> buf.putInt((int) longs[i]);
        case INT64 -> buf.putLong(longs[i]);
        default -> buf.put((byte) longs[i]);
      }
    }
    buf.flip();
    return b.setRawData(ByteString.copyFrom(buf)).build();
  }
}
