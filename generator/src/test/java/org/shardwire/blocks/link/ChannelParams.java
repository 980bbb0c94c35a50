package org.shardwire.blocks.link;

/**
 * A test channel: latency in cycles, the chance that a word is corrupted (one bit, sometimes
 * two), and whether a corrupted word may also have its control flag flipped (a stricter test
 * than 64b/66b, where a damaged sync header is detected by the PCS).
 */
record ChannelParams(int latency, double errorRate, int seed, boolean flipControl) {
  ChannelParams {
    if (latency < 1 || latency > 4096) {
      throw new IllegalArgumentException("channel latency must be in 1..4096 cycles, got " + latency);
    }
    if (errorRate < 0 || errorRate > 0.5) {
      throw new IllegalArgumentException("channel error rate must be in 0..0.5, got " + errorRate);
    }
    if (seed == 0) {
      throw new IllegalArgumentException("channel seed must be non-zero (xorshift state)");
    }
  }

  static ChannelParams clean(int latency) {
    return new ChannelParams(latency, 0, 1, false);
  }

  /** The 16-bit threshold the hardware compares its random number with. */
  int threshold() {
    return (int) Math.round(errorRate * 65536);
  }

  String tag() {
    return "d" + latency + "_e" + threshold() + "_s" + Integer.toHexString(seed) + (flipControl ? "_c" : "");
  }
}
