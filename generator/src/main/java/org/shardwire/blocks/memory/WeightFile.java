package org.shardwire.blocks.memory;

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
 * Weight files: one memory word per line in hexadecimal, word 0 first, zero-padded to the word
 * width — the format Verilog's {@code $readmemh} reads, so a vendor flow can load it directly.
 */
public final class WeightFile {
  private WeightFile() {}

  public static void write(Path file, List<BigInteger> words, int width) {
    int digits = (width + 3) / 4;
    StringBuilder sb = new StringBuilder();
    for (BigInteger w : words) {
      String hex = w.toString(16);
      sb.append("0".repeat(Math.max(0, digits - hex.length()))).append(hex).append('\n');
    }
    try {
      Files.writeString(file, sb.toString(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write weight file " + file, e);
    }
  }

  /** Reads a weight file; a bad line is reported with the file, the line number and the reason. */
  public static List<BigInteger> read(Path file, int width) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("weight file " + file + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read weight file " + file, e);
    }
    List<BigInteger> words = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("//")) {
        continue;
      }
      BigInteger w;
      try {
        w = new BigInteger(l, 16);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("weight file " + file + " line " + (i + 1) + ": '" + l
            + "' is not a hexadecimal word");
      }
      if (w.signum() < 0 || w.bitLength() > width) {
        throw new IllegalArgumentException("weight file " + file + " line " + (i + 1) + ": " + l
            + " does not fit in a " + width + "-bit word");
      }
      words.add(w);
    }
    return words;
  }
}
