package org.shardwire.blocks.reader;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** Bit-exact model of {@link VectorReader}: the vectors it streams out and the bursts it asks for. */
public final class VectorReaderGolden {
  private VectorReaderGolden() {}

  /** One read command: {@code count} vectors from element address {@code base}. */
  public record Command(long base, long count) {
    public List<BigInteger> toVector(VectorReaderConfig c) {
      if (count < 0 || count > c.maxCount()) {
        throw new IllegalArgumentException("count " + count + " outside 0.." + c.maxCount());
      }
      if (base < 0 || base >= 1L << c.elementAddressWidth()) {
        throw new IllegalArgumentException("element address " + base + " outside the " + c.addressWidth()
            + "-bit address space");
      }
      return List.of(BigInteger.valueOf(count).shiftLeft(c.elementAddressWidth()).or(BigInteger.valueOf(base)));
    }

    /** The beats the command reads: an unaligned start needs one beat more than it has vectors. */
    long beats(VectorReaderConfig c) {
      return count == 0 ? 0 : count + (base % c.vectorWidth() != 0 ? 1 : 0);
    }
  }

  /** Output beats (vector, tlast) for the commands, reading beat {@code i} from {@code memory}. */
  public static List<List<BigInteger>> run(VectorReaderConfig c, LongFunction<BigInteger> memory, List<Command> commands) {
    BigInteger elementMask = BigInteger.ONE.shiftLeft(c.elementBits()).subtract(BigInteger.ONE);
    List<List<BigInteger>> out = new ArrayList<>();
    for (Command cmd : commands) {
      for (long v = 0; v < cmd.count(); v++) {
        BigInteger vector = BigInteger.ZERO;
        for (int e = c.vectorWidth() - 1; e >= 0; e--) {
          long element = cmd.base() + v * c.vectorWidth() + e;
          BigInteger word = memory.apply(element / c.vectorWidth());
          BigInteger value = word.shiftRight((int) (element % c.vectorWidth()) * c.elementBits()).and(elementMask);
          vector = vector.shiftLeft(c.elementBits()).or(value);
        }
        out.add(List.of(vector, v == cmd.count() - 1 ? BigInteger.ONE : BigInteger.ZERO));
      }
    }
    return out;
  }

  /** The AR requests, in order, that the commands make. */
  public static List<AxiBursts.Burst> bursts(VectorReaderConfig c, List<Command> commands) {
    List<AxiBursts.Burst> all = new ArrayList<>();
    for (Command cmd : commands) {
      all.addAll(AxiBursts.split(cmd.base() / c.vectorWidth(), cmd.beats(c), c.beatBytes(), c.maxBurstBeats()));
    }
    return all;
  }

  /** Beat {@code i} of a byte image, little-endian (byte 0 is the least significant), as AXI4 reads it. */
  public static BigInteger beat(byte[] image, int beatBytes, long i) {
    byte[] be = new byte[beatBytes + 1];  // a leading zero keeps it positive
    for (int b = 0; b < beatBytes; b++) {
      long at = i * beatBytes + b;
      be[beatBytes - b] = at < image.length ? image[(int) at] : 0;
    }
    return new BigInteger(be);
  }
}
