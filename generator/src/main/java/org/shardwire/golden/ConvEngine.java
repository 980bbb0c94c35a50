package org.shardwire.golden;

/**
 * How the golden model runs int8 convolutions. Every engine computes exactly the same integers
 * (tests compare them); they differ only in speed.
 * <ul>
 *   <li>{@link #SCALAR}: plain Java loops that HotSpot auto-vectorises (always available).</li>
 *   <li>{@link #VECTOR}: explicit SIMD through the JDK's incubating Vector API, several times
 *       faster; needs the JVM option {@code --add-modules jdk.incubator.vector}.</li>
 *   <li>{@link #AUTO}: VECTOR when that module is present, else SCALAR.</li>
 * </ul>
 */
public enum ConvEngine {
  SCALAR, VECTOR, AUTO;

  static final String MODULE = "jdk.incubator.vector";

  /** True when the JVM was started with {@code --add-modules jdk.incubator.vector}. */
  public static boolean vectorAvailable() {
    return ModuleLayer.boot().findModule(MODULE).isPresent();
  }

  /** SCALAR or VECTOR: what this choice means on this JVM. */
  public ConvEngine resolve() {
    if (this == AUTO) {
      return vectorAvailable() ? VECTOR : SCALAR;
    }
    if (this == VECTOR && !vectorAvailable()) {
      throw new IllegalStateException("the VECTOR conv engine needs the JVM option --add-modules " + MODULE);
    }
    return this;
  }
}
