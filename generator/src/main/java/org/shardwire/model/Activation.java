package org.shardwire.model;

/**
 * An activation fused into the op that produces a tensor, as the clamp range it applies:
 * none is (-inf, +inf), ReLU is [0, +inf), ReLU6 is [0, 6], Clip(a, b) is [a, b]. In int8 the same
 * range becomes the requantizer's clamp bounds (docs/numerics.md).
 */
public record Activation(float min, float max) {
  public static final Activation NONE = new Activation(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
  public static final Activation RELU = new Activation(0f, Float.POSITIVE_INFINITY);
  public static final Activation RELU6 = new Activation(0f, 6f);

  public Activation {
    if (Float.isNaN(min) || Float.isNaN(max) || !(min < max)) {
      throw new IllegalArgumentException("activation clamp needs min < max, got [" + min + ", " + max + "]");
    }
  }

  public static Activation clip(float min, float max) {
    return new Activation(min, max);
  }

  public boolean isNone() {
    return min == Float.NEGATIVE_INFINITY && max == Float.POSITIVE_INFINITY;
  }

  public float apply(float x) {
    return x < min ? min : (x > max ? max : x);
  }

  /** Combines two clamps applied one after the other (this one first). */
  public Activation then(Activation next) {
    float lo = Math.max(min, next.min);
    float hi = Math.min(max, next.max);
    if (!(lo < hi)) {
      throw new IllegalArgumentException("clamps [" + min + ", " + max + "] then [" + next.min + ", " + next.max
          + "] leave an empty range");
    }
    return new Activation(lo, hi);
  }

  /** Short name for tables: "", "relu", "relu6" or "clip(a,b)". */
  public String label() {
    if (isNone()) {
      return "";
    }
    if (equals(RELU)) {
      return "relu";
    }
    if (equals(RELU6)) {
      return "relu6";
    }
    return "clip(" + min + "," + max + ")";
  }
}
