package org.shardwire.model;

import java.util.Arrays;

/**
 * An immutable dense float tensor: its dimensions (outermost first) and its values in row-major
 * order. Used for weights (conv OHWI, FC [out, in], per-channel [C]) and for activations ([H, W, C]).
 *
 * <p>Immutable: the constructor copies its arrays and the accessors return copies, so callers in
 * hot loops should take {@link #data()} once. {@code equals} and {@code hashCode} compare values
 * (bit patterns, as {@link Arrays#equals(float[], float[])} does), not array identity.
 */
public record FloatTensor(int[] dims, float[] data) {
  public FloatTensor {
    if (dims.length == 0) {
      throw new IllegalArgumentException("tensor needs at least one dimension");
    }
    long n = 1;
    for (int d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException("tensor dimensions must be positive, got " + Arrays.toString(dims));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("tensor of dimensions " + Arrays.toString(dims) + " needs " + n
          + " values, got " + data.length);
    }
    dims = dims.clone();
    data = data.clone();
  }

  public static FloatTensor of(float[] data, int... dims) {
    return new FloatTensor(dims, data);
  }

  /** A 1-dimensional tensor (per-channel vectors: bias, BatchNorm parameters). */
  public static FloatTensor vector(float... values) {
    return new FloatTensor(new int[] {values.length}, values);
  }

  /** A tensor of the given activation shape ([H, W, C]). */
  public static FloatTensor activation(Shape shape, float[] data) {
    return new FloatTensor(new int[] {shape.h(), shape.w(), shape.c()}, data);
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  /** A copy of the values (take it once outside a loop). */
  @Override
  public float[] data() {
    return data.clone();
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int axis) {
    return dims[axis];
  }

  public int size() {
    return data.length;
  }

  public float get(int flatIndex) {
    return data[flatIndex];
  }

  /** The activation shape of a rank-3 [H, W, C] tensor. */
  public Shape shape() {
    if (dims.length != 3) {
      throw new IllegalStateException("not an activation tensor: dimensions " + Arrays.toString(dims));
    }
    return new Shape(dims[0], dims[1], dims[2]);
  }

  public String dimsString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : "x").append(dims[i]);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatTensor t && Arrays.equals(dims, t.dims) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FloatTensor[" + dimsString() + "]";
  }
}
