package org.shardwire.blocks.memory;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.RamStyle;

/**
 * An on-chip weight memory: {@code depth} words of {@code width} bits, read synchronously,
 * initialised with {@code words} (the rest zero), placed in the given memory primitive. A word
 * wider than one signal may be is stored in banks ({@link #banks()}).
 */
public record WeightBufferConfig(int width, int depth, RamStyle style, List<BigInteger> words) {
  /**
   * The deepest weight buffer: a 1M-word memory is already 256 URAM288s or 64 cascaded RAMB36s per
   * 72 bits, and its init image is megabytes of Verilog. The planner rejects foldings beyond it.
   */
  public static final int MAX_DEPTH = 1 << 20;

  public WeightBufferConfig {
    if (width < 1) {
      throw new IllegalArgumentException("weight buffer: width must be at least 1 bit; got " + width);
    }
    if (!fitsDepth(depth)) {
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

  /** True when a weight buffer of this depth can be built: the limit the planner checks. */
  public static boolean fitsDepth(long depth) {
    return depth >= 1 && depth <= MAX_DEPTH;
  }

  /** The banks the words are stored in: split at int8 lanes when the width is whole bytes. */
  public BankLayout banks() {
    return banks(width, style);
  }

  /** The banks of a {@code width}-bit weight word in {@code style}, without building the words (for costing). */
  public static BankLayout banks(int width, RamStyle style) {
    return BankLayout.of(width, width % Widths.INT8 == 0 ? Widths.INT8 : 1, style);
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
