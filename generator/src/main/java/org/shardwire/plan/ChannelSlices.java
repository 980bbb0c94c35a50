package org.shardwire.plan;

import java.util.Arrays;
import org.shardwire.model.Conv;
import org.shardwire.model.FloatTensor;
import org.shardwire.model.FullyConnected;
import org.shardwire.quant.Int32Vector;
import org.shardwire.quant.Int8Tensor;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QFullyConnected;

/**
 * Output-channel ranges of a conv or fully connected layer: the rows [from, to) of its weights
 * (OHWI, [out, in] for FC), biases and requantizers, with the groups that range covers. Used by
 * {@link ChannelGroupSlicer}; slicing whole output channels keeps every value bit-exact, since
 * an output channel depends only on its own row and its own requantizer.
 */
final class ChannelSlices {
  private ChannelSlices() {}

  /** Output channels [from, to) of a conv; {@code groups} is how many groups that range holds. */
  static QConv conv(QConv q, int from, int to, int groups) {
    Conv c = q.layer();
    Conv layer = new Conv(rows(c.weights(), from, to), c.bias().map(b -> rows(b, from, to)), c.strideH(), c.strideW(),
        c.padding(), groups, c.activation());
    return new QConv(layer, rows(q.weights(), from, to), slice(q.bias(), from, to),
        q.requant().subList(from, to), q.clamp());
  }

  /** Outputs [from, to) of a fully connected layer. */
  static QFullyConnected fullyConnected(QFullyConnected q, int from, int to) {
    FullyConnected f = q.layer();
    FullyConnected layer = new FullyConnected(rows(f.weights(), from, to),
        f.bias().map(b -> rows(b, from, to)), f.activation());
    return new QFullyConnected(layer, rows(q.weights(), from, to), slice(q.bias(), from, to),
        q.requant().subList(from, to), q.clamp());
  }

  private static FloatTensor rows(FloatTensor t, int from, int to) {
    int row = t.size() / t.dim(0);
    int[] dims = t.dims();
    dims[0] = to - from;
    return new FloatTensor(dims, Arrays.copyOfRange(t.data(), from * row, to * row));
  }

  private static Int8Tensor rows(Int8Tensor t, int from, int to) {
    int row = t.size() / t.dim(0);
    int[] dims = t.dims();
    dims[0] = to - from;
    return new Int8Tensor(dims, Arrays.copyOfRange(t.data(), from * row, to * row));
  }

  private static Int32Vector slice(Int32Vector v, int from, int to) {
    return new Int32Vector(Arrays.copyOfRange(v.values(), from, to));
  }
}
