package org.shardwire.hdl;

import java.math.BigInteger;
import java.util.List;
import spinal.core.Mem;

/** An on-chip RAM of {@code depth} words of {@code width} bits, read synchronously. */
public final class Memory {
  private final Mem<spinal.core.Data> raw;
  private final int width;
  private final int depth;

  Memory(Mem<spinal.core.Data> raw, int width, int depth) {
    this.raw = raw;
    this.width = width;
    this.depth = depth;
  }

  public int width() {
    return width;
  }

  public int depth() {
    return depth;
  }

  /** Address width needed to reach every word (at least 1). */
  public int addressWidth() {
    return addressWidth(depth);
  }

  public static int addressWidth(int depth) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(depth - 1));
  }

  /** Tells synthesis which memory primitive to use. */
  public Memory style(RamStyle style) {
    raw.addAttribute(style.attribute(), style.value());
    return this;
  }

  /** Tells synthesis where to put a read-only memory (contents from {@link #init}, never written). */
  public Memory romStyle(RamStyle style) {
    raw.addAttribute(style.attribute(), style.romValue());
    return this;
  }

  /** Initial contents (e.g. weights), word 0 first; the rest of the memory is zero. */
  public Memory init(List<BigInteger> words) {
    if (words.size() > depth) {
      throw new HdlException(words.size() + " init words for a memory of depth " + depth + " at "
          + SourceLocation.describeHere());
    }
    java.util.ArrayList<scala.math.BigInt> all = new java.util.ArrayList<>(depth);
    for (int i = 0; i < depth; i++) {
      BigInteger w = i < words.size() ? words.get(i) : BigInteger.ZERO;
      if (w.signum() < 0 || w.bitLength() > width) {
        throw new HdlException("init word " + i + " = " + w + " does not fit in " + width + " bits at "
            + SourceLocation.describeHere());
      }
      all.add(Signal.big(w));
    }
    raw.initBigInt(scala.jdk.javaapi.CollectionConverters.asScala(all).toSeq(), false);
    return this;
  }

  /** Registered read: data appears the cycle after {@code enable} with {@code address}. */
  public Bits readSync(UInt address, Bool enable) {
    checkAddress(address);
    return new Bits((spinal.core.Bits) raw.readSync(address.raw, enable.raw, raw.readSync$default$3(), false));
  }

  /** Combinational read (LUT RAM only; block RAMs need {@link #readSync}). */
  public Bits readAsync(UInt address) {
    checkAddress(address);
    return new Bits((spinal.core.Bits) raw.readAsync(address.raw, raw.readAsync$default$2()));
  }

  public void write(UInt address, Bits data, Bool enable) {
    checkAddress(address);
    raw.write(address.raw, data.raw, enable.raw, null);
  }

  private void checkAddress(UInt address) {
    if (address.width() != addressWidth()) {
      throw new HdlException("memory of depth " + depth + " needs a " + addressWidth() + "-bit address, got "
          + address.width() + " bits at " + SourceLocation.describeHere());
    }
  }
}
