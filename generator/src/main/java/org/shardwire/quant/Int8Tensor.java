package org.shardwire.quant;

import java.util.Arrays;
import org.shardwire.model.Shape;

/**
 * An immutable int8 tensor (weights OHWI or [out, in]; activations [H, W, C], channels innermost).
 * Copies in and out like {@link org.shardwire.model.FloatTensor}; equals compares values.
 */
public record Int8Tensor(int[] dims, byte[] data) {
  public Int8Tensor {
    long n = 1;
    for (int d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException("tensor dimensions must be positive, got " + Arrays.toString(dims));
      }
      n *= d;
    }
    if (dims.length == 0 || n != data.length) {
      throw new IllegalArgumentException("int8 tensor of dimensions " + Arrays.toString(dims) + " needs " + n
          + " values, got " + data.length);
    }
    dims = dims.clone();
    data = data.clone();
  }

  public static Int8Tensor activation(Shape shape, byte[] data) {
    return new Int8Tensor(new int[] {shape.h(), shape.w(), shape.c()}, data);
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  /** A copy of the values (take it once outside a loop). */
  @Override
  public byte[] data() {
    return data.clone();
  }

  public int dim(int axis) {
    return dims[axis];
  }

  public int size() {
    return data.length;
  }

  public int get(int flatIndex) {
    return data[flatIndex];
  }

  public Shape shape() {
    if (dims.length != 3) {
      throw new IllegalStateException("not an activation tensor: dimensions " + Arrays.toString(dims));
    }
    return new Shape(dims[0], dims[1], dims[2]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Int8Tensor t && Arrays.equals(dims, t.dims) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Int8Tensor" + Arrays.toString(dims);
  }
}
