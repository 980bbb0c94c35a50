package org.shardwire.quant;

import java.util.List;
import org.shardwire.model.Conv;

/**
 * An int8 convolution: weights OHWI [out, kh, kw, in/groups] in int8, int32 bias, one requantizer
 * per output channel and the clamp of the fused activation.
 * y[o] = clamp(rq(bias[o] + sum x * w[o]; requant[o]), clamp).
 */
public record QConv(Conv layer, Int8Tensor weights, Int32Vector bias, List<Requant> requant, Clamp clamp)
    implements QLayer {
  public QConv {
    requant = List.copyOf(requant);
    int out = layer.outChannels();
    if (weights.dim(0) != out || bias.size() != out || requant.size() != out) {
      throw new IllegalArgumentException("int8 conv needs " + out + " output channels of weights, bias and requant");
    }
  }
}
