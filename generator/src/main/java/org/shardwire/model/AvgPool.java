package org.shardwire.model;

import java.util.List;
import java.util.Objects;

/**
 * Average pooling per channel with zero padding. {@code countIncludePad} is ONNX's
 * count_include_pad: when true every window divides by kernelH * kernelW (padded zeros count);
 * when false it divides by the number of real (unpadded) input pixels in that window.
 */
public record AvgPool(int kernelH, int kernelW, int strideH, int strideW, Padding padding, boolean countIncludePad)
    implements Layer {
  public AvgPool {
    Window.checkKernel("average pool", kernelH, kernelW, strideH, strideW);
    Objects.requireNonNull(padding, "padding");
    if (padding.top() >= kernelH || padding.bottom() >= kernelH || padding.left() >= kernelW
        || padding.right() >= kernelW) {
      throw new IllegalArgumentException("average pool padding " + padding + " must be smaller than the kernel "
          + kernelH + "x" + kernelW);
    }
  }

  public static AvgPool of(int kernel, int stride, Padding padding, boolean countIncludePad) {
    return new AvgPool(kernel, kernel, stride, stride, padding, countIncludePad);
  }

  /** The divisor of the window whose top-left input corner is (y0, x0) (may be negative: padding). */
  public int divisor(Shape in, int y0, int x0) {
    if (countIncludePad) {
      return kernelH * kernelW;
    }
    int rows = Math.min(in.h(), y0 + kernelH) - Math.max(0, y0);
    int cols = Math.min(in.w(), x0 + kernelW) - Math.max(0, x0);
    return rows * cols;
  }

  @Override
  public String op() {
    return "AvgPool";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 1);
    Shape in = inputs.get(0);
    return Window.output(node, this, in, kernelH, kernelW, strideH, strideW, padding, in.c());
  }

  @Override
  public String attributes() {
    String s = Window.describe(kernelH, kernelW, strideH, strideW, padding);
    return padding.isNone() ? s : s + (countIncludePad ? " count-pad" : " exclude-pad");
  }
}
