package org.shardwire.quant;

/** Max pool, channel shuffle, inside shuffle, flatten: int8 values move, no arithmetic, same scale. */
public record QMove() implements QLayer {
}
