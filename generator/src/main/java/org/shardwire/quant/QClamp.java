package org.shardwire.quant;

/** A standalone ReLU or Clip: y = clamp(x, clamp), same scale as the input. */
public record QClamp(Clamp clamp) implements QLayer {
}
