package org.shardwire.blocks.reader;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Bit-exact model of {@link VectorReader} over a memory given word by word. */
public final class VectorReaderGolden {
  private VectorReaderGolden() {}

  /** One read command: {@code count} vectors from element address {@code base}. */
  public record Command(long base, long count) {
    public List<BigInteger> toVector(VectorReaderConfig c) {
      if (count < 0 || count > c.maxCount()) {
        throw new IllegalArgumentException("count " + count + " outside 0.." + c.maxCount());
      }
      return List.of(BigInteger.valueOf(count).shiftLeft(c.elementAddressWidth()).or(BigInteger.valueOf(base)));
    }
  }

  /** Output beats (vector, tlast) for the commands, reading word {@code i} from {@code memory}. */
  public static List<List<BigInteger>> run(VectorReaderConfig c, IntFunction<BigInteger> memory, List<Command> commands) {
    BigInteger elementMask = BigInteger.ONE.shiftLeft(c.elementBits()).subtract(BigInteger.ONE);
    List<List<BigInteger>> out = new ArrayList<>();
    for (Command cmd : commands) {
      for (long v = 0; v < cmd.count(); v++) {
        BigInteger vector = BigInteger.ZERO;
        for (int e = c.vectorWidth() - 1; e >= 0; e--) {
          long element = cmd.base() + v * c.vectorWidth() + e;
          BigInteger word = memory.apply((int) (element / c.vectorWidth()));
          BigInteger value = word.shiftRight((int) (element % c.vectorWidth()) * c.elementBits()).and(elementMask);
          vector = vector.shiftLeft(c.elementBits()).or(value);
        }
        out.add(List.of(vector, v == cmd.count() - 1 ? BigInteger.ONE : BigInteger.ZERO));
      }
    }
    return out;
  }
}
