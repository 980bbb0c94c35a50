package org.shardwire.golden;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The vector file format shared by golden models and Verilator drivers (docs/vector-format.md):
 * one stream beat per line, its fields (tdata, then tlast and tuser where the port has them) as
 * unsigned hexadecimal separated by one space; lines starting with '#' are comments.
 * SIMD lanes are packed with lane 0 in the least significant bits, each lane two's complement.
 */
public final class VectorFile {
  private VectorFile() {}

  public static void write(Path file, List<List<BigInteger>> beats) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (List<BigInteger> beat : beats) {
        for (int i = 0; i < beat.size(); i++) {
          if (i > 0) {
            w.write(' ');
          }
          BigInteger field = beat.get(i);
          if (field.signum() < 0) {
            throw new IllegalArgumentException("vector field must be unsigned (pack lanes first): " + field);
          }
          w.write(field.toString(16));
        }
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write vector file " + file, e);
    }
  }

  /** Reads a vector file; a missing file is an error naming it. */
  public static List<List<BigInteger>> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("vector file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vector file " + file, e);
    }
    List<List<BigInteger>> beats = new ArrayList<>();
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      List<BigInteger> fields = new ArrayList<>();
      for (String f : l.split(" +")) {
        fields.add(new BigInteger(f, 16));
      }
      beats.add(fields);
    }
    return beats;
  }

  /** Packs signed lanes of {@code laneBits} bits each into one word, lane 0 least significant. */
  public static BigInteger packLanes(long[] lanes, int laneBits) {
    BigInteger word = BigInteger.ZERO;
    BigInteger mask = BigInteger.ONE.shiftLeft(laneBits).subtract(BigInteger.ONE);
    for (int i = lanes.length - 1; i >= 0; i--) {
      word = word.shiftLeft(laneBits).or(BigInteger.valueOf(lanes[i]).and(mask));
    }
    return word;
  }

  /** Inverse of {@link #packLanes}: sign-extends each lane. */
  public static long[] unpackLanes(BigInteger word, int laneCount, int laneBits) {
    long[] lanes = new long[laneCount];
    BigInteger mask = BigInteger.ONE.shiftLeft(laneBits).subtract(BigInteger.ONE);
    for (int i = 0; i < laneCount; i++) {
      long v = word.shiftRight(i * laneBits).and(mask).longValue();
      if (laneBits < 64 && (v >> (laneBits - 1)) != 0) {
        v -= 1L << laneBits;
      }
      lanes[i] = v;
    }
    return lanes;
  }
}
