package org.shardwire.plan;

/** The engine family a layer becomes (docs/engines.md, the engine table). */
public enum EngineKind {
  CONV("ConvEngine"),
  DEPTHWISE("DepthwiseConvEngine"),
  MAX_POOL("MaxPoolEngine"),
  AVG_POOL("AvgPoolEngine"),
  GLOBAL_AVG_POOL("GlobalAvgPoolEngine"),
  ADD("AddEngine"),
  CONCAT("ConcatEngine"),
  SHUFFLE("ShuffleEngine"),
  CLAMP("ClampEngine"),
  /** Channels [from, to) of a stream: where channel groups keep part of a stream and send the rest. */
  CHANNEL_RANGE("ChannelRangeEngine"),
  /** Flatten: NHWC order is kept, so the stream passes through; no engine, no cycles. */
  WIRE("Wire");

  private final String label;

  EngineKind(String label) {
    this.label = label;
  }

  /** The engine's name in docs/engines.md and plan.json. */
  public String label() {
    return label;
  }

  public static EngineKind fromLabel(String label) {
    for (EngineKind k : values()) {
      if (k.label.equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown engine '" + label + "'");
  }
}
