package org.shardwire.blocks.reader;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardwire.hdl.Axi4ReadShape;

/**
 * Where streamed weights sit in one DDR bank, and the bytes of its image. Each region (one layer's
 * weight words) starts on a 4 KB boundary, so its bursts start page-aligned; each word is padded to
 * whole AXI beats, so a word is always {@code beatsPerWord} vectors of the reader. This is the one
 * owner of DDR weight addresses: the image is written by it and the reader's commands come from
 * it ({@link Region#command}).
 *
 * @param baseAddress the bank address of image byte 0 (a multiple of 4 KB)
 */
public record DdrWeightLayout(int beatBytes, long baseAddress, List<Region> regions) {

  /** What a layer asks for: {@code words} weight words of {@code wordBits} bits. */
  public record Segment(String name, int wordBits, int words) {
    public Segment {
      if (wordBits < 1 || words < 1) {
        throw new IllegalArgumentException("DDR segment " + name + ": needs words of at least one bit, got "
            + words + " x " + wordBits + " bits");
      }
    }
  }

  /** A layer's weights in the bank: its first byte address and its shape. */
  public record Region(String name, long byteAddress, int wordBits, int words, int beatsPerWord, int beatBytes) {
    public long bytes() {
      return (long) words * beatsPerWord * beatBytes;
    }

    /** The reader command that streams words {@code first .. first + count - 1}: beatsPerWord vectors each. */
    public VectorReaderGolden.Command command(VectorReaderConfig c, long first, long count) {
      if (c.beatBytes() != beatBytes) {
        throw new IllegalArgumentException("region " + name + " is laid out in " + beatBytes + "-byte beats, the reader reads "
            + c.beatBytes());
      }
      if (first < 0 || count < 0 || first + count > words) {
        throw new IllegalArgumentException("region " + name + " has words 0.." + (words - 1) + ", asked for " + first
            + " + " + count);
      }
      long beat = byteAddress / beatBytes + first * beatsPerWord;
      return new VectorReaderGolden.Command(beat * c.vectorWidth(), count * beatsPerWord);
    }
  }

  public DdrWeightLayout {
    regions = List.copyOf(regions);
  }

  /** Lays the segments out in order from {@code baseAddress}, each on its own 4 KB boundary. */
  public static DdrWeightLayout of(int beatBytes, long baseAddress, List<Segment> segments) {
    if (beatBytes < 1 || beatBytes > 128 || Integer.bitCount(beatBytes) != 1) {
      throw new IllegalArgumentException("DDR beat must be a power of two of 1..128 bytes, got " + beatBytes);
    }
    if (baseAddress < 0 || baseAddress % Axi4ReadShape.BOUNDARY_BYTES != 0) {
      throw new IllegalArgumentException("DDR image base must be a multiple of 4 KB, got " + baseAddress);
    }
    Set<String> names = new LinkedHashSet<>();
    List<Region> regions = new ArrayList<>();
    long at = baseAddress;
    for (Segment s : segments) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("DDR layout: two segments are named " + s.name());
      }
      int beatsPerWord = (s.wordBits() + beatBytes * 8 - 1) / (beatBytes * 8);
      Region r = new Region(s.name(), at, s.wordBits(), s.words(), beatsPerWord, beatBytes);
      regions.add(r);
      at = pageUp(at + r.bytes());
    }
    return new DdrWeightLayout(beatBytes, baseAddress, regions);
  }

  /** Bytes of the image: up to the end of the last region's page. */
  public long bytes() {
    return regions.isEmpty() ? 0 : pageUp(regions.get(regions.size() - 1).byteAddress()
        + regions.get(regions.size() - 1).bytes()) - baseAddress;
  }

  public Region region(String name) {
    return regions.stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no DDR region " + name + " (regions: "
            + regions.stream().map(Region::name).toList() + ")"));
  }

  /**
   * The image: every region's words, each word little-endian (bit 0 in byte 0) and padded with zeros
   * to whole beats, as an AXI4 read returns them; the space between regions is zero.
   */
  public byte[] image(Map<String, List<BigInteger>> words) {
    long total = bytes();
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("DDR image of " + total + " bytes is larger than one file this writer makes");
    }
    byte[] image = new byte[(int) total];
    for (Region r : regions) {
      List<BigInteger> w = words.get(r.name());
      if (w == null || w.size() != r.words()) {
        throw new IllegalArgumentException("DDR region " + r.name() + " needs " + r.words() + " words, got "
            + (w == null ? "none" : w.size()));
      }
      int wordBytes = r.beatsPerWord() * beatBytes;
      for (int i = 0; i < w.size(); i++) {
        BigInteger v = w.get(i);
        if (v.signum() < 0 || v.bitLength() > r.wordBits()) {
          throw new IllegalArgumentException("DDR region " + r.name() + ": word " + i + " does not fit in "
              + r.wordBits() + " bits");
        }
        byte[] be = v.toByteArray();
        int at = (int) (r.byteAddress() - baseAddress) + i * wordBytes;
        for (int b = 0; b < be.length && b < wordBytes; b++) {
          image[at + b] = be[be.length - 1 - b];
        }
      }
    }
    return image;
  }

  private static long pageUp(long address) {
    long page = Axi4ReadShape.BOUNDARY_BYTES;
    return (address + page - 1) / page * page;
  }
}
