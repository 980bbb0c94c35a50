package org.shardwire.model;

/** Zero padding around a spatial window, in pixels, per side. */
public record Padding(int top, int left, int bottom, int right) {
  public static final Padding NONE = new Padding(0, 0, 0, 0);

  public Padding {
    if (top < 0 || left < 0 || bottom < 0 || right < 0) {
      throw new IllegalArgumentException("padding must be >= 0 on every side, got " + describe(top, left, bottom, right));
    }
  }

  /** The same padding on all four sides. */
  public static Padding uniform(int p) {
    return new Padding(p, p, p, p);
  }

  /** "Same" padding for an odd kernel at stride 1: (k - 1) / 2 on each side. */
  public static Padding same(int kernel) {
    if (kernel % 2 == 0) {
      throw new IllegalArgumentException("same padding needs an odd kernel, got " + kernel);
    }
    return uniform((kernel - 1) / 2);
  }

  public boolean isNone() {
    return top == 0 && left == 0 && bottom == 0 && right == 0;
  }

  private static String describe(int t, int l, int b, int r) {
    return "top " + t + ", left " + l + ", bottom " + b + ", right " + r;
  }

  @Override
  public String toString() {
    if (top == left && left == bottom && bottom == right) {
      return "p" + top;
    }
    return "p" + top + "," + left + "," + bottom + "," + right;
  }
}
