package org.shardwire.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 2-D convolution, grouped when {@code groups > 1}, depthwise when groups equals the input (and
 * output) channel count. Weights are OHWI: [outChannels, kernelH, kernelW, inChannels / groups];
 * the kernel size and channel counts are read from them, never given twice. Output channel
 * {@code o} belongs to group {@code o / (outChannels / groups)} and sees only that group's input
 * channels. Padding is zeros. An optional fused activation clamps the output.
 */
public record Conv(FloatTensor weights, Optional<FloatTensor> bias, int strideH, int strideW, Padding padding,
                   int groups, Activation activation) implements Layer {
  public Conv {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(bias, "bias");
    Objects.requireNonNull(padding, "padding");
    Objects.requireNonNull(activation, "activation");
    if (weights.rank() != 4) {
      throw new IllegalArgumentException("conv weights must be OHWI [out, kh, kw, in/groups], got dimensions "
          + weights.dimsString());
    }
    Window.checkKernel("conv", weights.dim(1), weights.dim(2), strideH, strideW);
    if (groups <= 0 || weights.dim(0) % groups != 0) {
      throw new IllegalArgumentException("conv groups must be positive and divide the " + weights.dim(0)
          + " output channels, got " + groups);
    }
    if (bias.isPresent() && (bias.get().rank() != 1 || bias.get().dim(0) != weights.dim(0))) {
      throw new IllegalArgumentException("conv bias must have " + weights.dim(0) + " values, got dimensions "
          + bias.get().dimsString());
    }
  }

  /** A conv without bias or activation, the same stride in both directions. */
  public static Conv of(FloatTensor weights, int stride, Padding padding, int groups) {
    return new Conv(weights, Optional.empty(), stride, stride, padding, groups, Activation.NONE);
  }

  public int outChannels() {
    return weights.dim(0);
  }

  public int kernelH() {
    return weights.dim(1);
  }

  public int kernelW() {
    return weights.dim(2);
  }

  public int inChannelsPerGroup() {
    return weights.dim(3);
  }

  public int inChannels() {
    return inChannelsPerGroup() * groups;
  }

  public int outChannelsPerGroup() {
    return outChannels() / groups;
  }

  /** One input channel per group and as many groups as channels. */
  public boolean isDepthwise() {
    return groups > 1 && inChannelsPerGroup() == 1 && outChannelsPerGroup() == 1;
  }

  public Conv withWeights(FloatTensor newWeights, Optional<FloatTensor> newBias) {
    return new Conv(newWeights, newBias, strideH, strideW, padding, groups, activation);
  }

  public Conv withActivation(Activation newActivation) {
    return new Conv(weights, bias, strideH, strideW, padding, groups, newActivation);
  }

  @Override
  public String op() {
    return isDepthwise() ? "DwConv" : "Conv";
  }

  @Override
  public Shape outputShape(String node, List<Shape> inputs) {
    Layer.requireInputs(node, this, inputs, 1);
    Shape in = inputs.get(0);
    if (in.c() != inChannels()) {
      throw GraphException.at(node, this, "input has shape " + in + " but the weights " + weights.dimsString()
          + " with " + groups + " group(s) expect " + inChannels() + " input channels");
    }
    return Window.output(node, this, in, kernelH(), kernelW(), strideH, strideW, padding, outChannels());
  }

  @Override
  public long macs(List<Shape> inputs, Shape output) {
    return output.elements() * kernelH() * kernelW() * inChannelsPerGroup();
  }

  @Override
  public long params() {
    return weights.size() + bias.map(FloatTensor::size).orElse(0);
  }

  @Override
  public String attributes() {
    String s = Window.describe(kernelH(), kernelW(), strideH, strideW, padding);
    if (groups > 1) {
      s += " g" + groups;
    }
    if (bias.isPresent()) {
      s += " bias";
    }
    return activation.isNone() ? s : s + " " + activation.label();
  }
}
