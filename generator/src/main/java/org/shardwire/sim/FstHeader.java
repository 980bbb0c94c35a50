package org.shardwire.sim;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The header block of an FST waveform file (the format GTKWave reads; Verilator's fstapi.c
 * writes it first and rewrites it on close): the time range the file covers, its scope and
 * variable counts and the time unit. {@code simulate --trace} reads it back to say which cycles
 * a file really holds, rather than trusting what it asked for.
 *
 * @param startTime first dumped time, in units of 10^timescale seconds
 * @param endTime last dumped time
 * @param timescale the time unit as a power of ten (-12: picoseconds)
 */
public record FstHeader(long startTime, long endTime, long scopes, long variables, int timescale) {
  private static final int HEADER_BLOCK = 0;
  private static final long HEADER_LENGTH = 329;

  /** Reads the header of {@code file}; fails naming the file when it is not an FST file. */
  public static FstHeader read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
      // Layout (big-endian): block type, section length, start and end time, an endianness test
      // double, writer memory, scope count, variable count, largest handle, value-change section
      // count, timescale exponent, version and date strings.
      int block = in.readUnsignedByte();
      long length = in.readLong();
      if (block != HEADER_BLOCK || length != HEADER_LENGTH) {
        throw new IOException(file + " is not an FST file (header block " + block + ", length " + length + ")");
      }
      long start = in.readLong();
      long end = in.readLong();
      in.readLong(); // endianness test
      in.readLong(); // writer memory
      long scopes = in.readLong();
      long vars = in.readLong();
      in.readLong(); // largest handle
      in.readLong(); // value-change sections
      int timescale = in.readByte();
      return new FstHeader(start, end, scopes, vars, timescale);
    } catch (java.io.EOFException e) {
      throw new IOException(file + " is too short for an FST header (the run may have died while writing it)", e);
    }
  }
}
