package org.shardwire.quant;

import java.util.Arrays;

/** An immutable vector of int32 values (per-channel biases). Copies in and out; equals compares values. */
public record Int32Vector(int[] values) {
  public Int32Vector {
    values = values.clone();
  }

  @Override
  public int[] values() {
    return values.clone();
  }

  public int size() {
    return values.length;
  }

  public int get(int i) {
    return values[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Int32Vector v && Arrays.equals(values, v.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Int32Vector[" + values.length + "]";
  }
}
