package org.shardwire.quant;

/** Global average pooling: y = clamp(rq(sum over H*W; requant), -128, 127). */
public record QGlobalAvgPool(Requant requant) implements QLayer {
}
