package org.shardwire.quant;

/**
 * The integer parameters of one node of a {@link QuantizedGraph} (docs/numerics.md). The node's
 * geometry (kernel, stride, padding, groups, permutation) stays in the graph's float layer.
 */
public sealed interface QLayer
    permits QConv, QFullyConnected, QAdd, QConcat, QAvgPool, QGlobalAvgPool, QClamp, QMove {
}
