package org.shardwire.blocks.memory;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.RamStyle;

/**
 * An on-chip weight memory: {@code depth} words of {@code width} bits, read synchronously,
 * initialised with {@code words} (the rest zero), placed in the given memory primitive.
 */
public record WeightBufferConfig(int width, int depth, RamStyle style, List<BigInteger> words) {
  public static final int MAX_WIDTH = 4096;
  public static final int MAX_DEPTH = 1 << 20;

  public WeightBufferConfig {
    if (width < 1 || width > MAX_WIDTH) {
      throw new IllegalArgumentException("weight buffer: width must be in 1.." + MAX_WIDTH + " bits; got " + width);
    }
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException("weight buffer: depth must be in 1.." + MAX_DEPTH + " words; got " + depth);
    }
    words = List.copyOf(words);
    if (words.size() > depth) {
      throw new IllegalArgumentException("weight buffer: " + words.size() + " init words do not fit in depth " + depth);
    }
    for (int i = 0; i < words.size(); i++) {
      BigInteger w = words.get(i);
      if (w.signum() < 0 || w.bitLength() > width) {
        throw new IllegalArgumentException("weight buffer: init word " + i + " (" + w.toString(16)
            + ") does not fit in " + width + " bits");
      }
    }
  }

  /** Loads the initial contents from a weight file ({@link WeightFile}). */
  public static WeightBufferConfig fromFile(int width, int depth, RamStyle style, Path weightFile) {
    return new WeightBufferConfig(width, depth, style, WeightFile.read(weightFile, width));
  }

  public int addressWidth() {
    return Memory.addressWidth(depth);
  }

  /** The word at an address, zero beyond the given words: what a read returns. */
  public BigInteger wordAt(int address) {
    return address < words.size() ? words.get(address) : BigInteger.ZERO;
  }

  /**
   * The module name carries the shape, the primitive and a hash of the contents: two buffers
   * with different weights are different modules.
   */
  public String moduleName() {
    return "weight_buffer_w" + width + "_d" + depth + "_" + style.value().toLowerCase() + "_"
        + GeneratorStamp.configHash(words.toString()).substring(0, 8);
  }

  /** Short text for config hashes and logs (the words themselves are hashed in the name). */
  @Override
  public String toString() {
    return "WeightBufferConfig[width=" + width + ", depth=" + depth + ", style=" + style + ", words="
        + moduleName() + "]";
  }
}
