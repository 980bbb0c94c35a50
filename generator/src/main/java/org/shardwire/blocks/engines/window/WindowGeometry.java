package org.shardwire.blocks.engines.window;

import org.shardwire.model.Padding;
import org.shardwire.model.Shape;

/**
 * A sliding window's kernel, stride and zero padding (conv and pooling engines). Padding on a side
 * must be smaller than the kernel on that axis, so every window touches at least one real input
 * row and column (what PyTorch and ONNX models use; larger pads would only add all-zero windows).
 */
public record WindowGeometry(int kernelH, int kernelW, int strideH, int strideW, Padding padding) {
  /** Largest kernel side: a fully connected layer is a window over its whole input. */
  public static final int MAX_KERNEL = 4096;

  public WindowGeometry {
    if (kernelH < 1 || kernelW < 1 || kernelH > MAX_KERNEL || kernelW > MAX_KERNEL) {
      throw new IllegalArgumentException("window kernel must be 1.." + MAX_KERNEL + " on each side, got "
          + kernelH + "x" + kernelW);
    }
    if (strideH < 1 || strideW < 1) {
      throw new IllegalArgumentException("window stride must be >= 1, got " + strideH + "x" + strideW);
    }
    if (padding == null) {
      throw new IllegalArgumentException("window padding must be given (Padding.NONE for none)");
    }
    if (padding.top() >= kernelH || padding.bottom() >= kernelH || padding.left() >= kernelW
        || padding.right() >= kernelW) {
      throw new IllegalArgumentException("window padding must be smaller than the kernel on each side: kernel "
          + kernelH + "x" + kernelW + ", padding " + padding);
    }
  }

  /** Square kernel, same stride both ways, the same padding on all sides. */
  public static WindowGeometry square(int kernel, int stride, int pad) {
    return new WindowGeometry(kernel, kernel, stride, stride, Padding.uniform(pad));
  }

  /** A window over the whole input: a fully connected layer. */
  public static WindowGeometry whole(Shape input) {
    return new WindowGeometry(input.h(), input.w(), 1, 1, Padding.NONE);
  }

  public int outputH(int inputH) {
    return outputSize(inputH, kernelH, strideH, padding.top(), padding.bottom());
  }

  public int outputW(int inputW) {
    return outputSize(inputW, kernelW, strideW, padding.left(), padding.right());
  }

  /** Whether the window fits the input at least once in each direction. */
  public boolean fits(Shape input) {
    return outputH(input.h()) >= 1 && outputW(input.w()) >= 1;
  }

  public int kernelArea() {
    return kernelH * kernelW;
  }

  private static int outputSize(int in, int k, int s, int before, int after) {
    int span = in + before + after - k;
    return span < 0 ? 0 : span / s + 1;
  }

  /** For module names: {@code k3x3_s2_p1}, {@code k3x1_s2x1_p1_0_1_0}. */
  public String describe() {
    String s = "k" + kernelH + "x" + kernelW + "_s" + (strideH == strideW ? String.valueOf(strideH) : strideH + "x" + strideW);
    Padding p = padding;
    if (p.isNone()) {
      return s;
    }
    boolean uniform = p.top() == p.left() && p.left() == p.bottom() && p.bottom() == p.right();
    return s + "_p" + (uniform ? String.valueOf(p.top()) : p.top() + "_" + p.left() + "_" + p.bottom() + "_" + p.right());
  }
}
