package org.shardwire.model;

import java.util.List;
import java.util.Objects;

/**
 * Max pooling per channel. Padded positions never win (they act as -infinity), so each padding
 * must be smaller than the kernel to keep at least one real value in every window.
 */
public record MaxPool(int kernelH, int kernelW, int strideH, int strideW, Padding padding) implements Layer {
  public MaxPool {
    Window.checkKernel("max pool", kernelH, kernelW, strideH, strideW);
    Objects.requireNonNull(padding, "padding");
    if (padding.top() >= kernelH || padding.bottom() >= kernelH || padding.left() >= kernelW
        || padding.right() >= kernelW) {
      throw new IllegalArgumentException("max pool padding " + padding + " must be smaller than the kernel "
          + kernelH + "x" + kernelW);
    }
  }

  public static MaxPool of(int kernel, int stride, Padding padding) {
    return new MaxPool(kernel, kernel, stride, stride, padding);
  }

  @Override
  public String op() {
    return "MaxPool";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 1);
    Shape in = inputs.get(0);
    return Window.output(node, this, in, kernelH, kernelW, strideH, strideW, padding, in.c());
  }

  @Override
  public String attributes() {
    return Window.describe(kernelH, kernelW, strideH, strideW, padding);
  }
}
