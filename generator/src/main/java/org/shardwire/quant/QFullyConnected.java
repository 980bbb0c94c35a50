package org.shardwire.quant;

import java.util.List;
import org.shardwire.model.FullyConnected;

/** An int8 fully connected layer: weights [out, in] int8, int32 bias, per-output requantizer, clamp. */
public record QFullyConnected(FullyConnected layer, Int8Tensor weights, Int32Vector bias, List<Requant> requant,
                              Clamp clamp) implements QLayer {
  public QFullyConnected {
    requant = List.copyOf(requant);
    int out = layer.outFeatures();
    if (weights.dim(0) != out || bias.size() != out || requant.size() != out) {
      throw new IllegalArgumentException("int8 fully connected needs " + out + " outputs of weights, bias, requant");
    }
  }
}
