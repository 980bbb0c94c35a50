package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;

/** The reference frame encoder and the config's packing arithmetic, against hand-computed cases. */
class LinkFrameTest {

  private static LinkConfig config(int lanes, int frameWords) {
    return new LinkConfig(lanes, frameWords, 64, 8, 64, 256, 16, 64, RamStyle.XILINX_BLOCK);
  }

  @Test
  void packingFollowsTheBeatWidth() {
    int[][] cases = { // lanes, beats per word, words per beat, used bits
        {1, 8, 1, 64}, {2, 4, 1, 64}, {3, 2, 1, 48}, {4, 2, 1, 64}, {5, 1, 1, 40}, {8, 1, 1, 64},
        {9, 1, 2, 64}, {16, 1, 2, 64}, {17, 1, 3, 64}, {64, 1, 8, 64}};
    for (int[] c : cases) {
      LinkConfig cfg = config(c[0], 32);
      assertEquals(c[1], cfg.beatsPerWord(), "lanes " + c[0]);
      assertEquals(c[2], cfg.wordsPerBeat(), "lanes " + c[0]);
      assertEquals(c[3], cfg.usedWordBits(), "lanes " + c[0]);
    }
    assertEquals(256, config(1, 32).maxFrameBeats());
    assertEquals(10, config(16, 21).maxFrameBeats()); // 21 words hold ten 2-word beats
    assertEquals(3, config(1, 32).wordsForBeats(17));
    assertEquals(6, config(9, 32).wordsForBeats(3));
  }

  @Test
  void headerFieldsAreWhereTheDocumentSays() {
    long h = LinkFrame.dataHeader(0x1234, 0x0056, 0x0007, true);
    assertEquals(0xD2L, h >>> 56);
    assertEquals(1L, (h >>> 48) & 0xFF);
    assertEquals(0x1234L, (h >>> 32) & 0xFFFF);
    assertEquals(0x56L, (h >>> 16) & 0xFFFF);
    assertEquals(7L, h & 0xFFFF);
    assertEquals(0x2D00BEEF00000200L, LinkFrame.controlHeader(0xBEEF, 0x0200));
    assertEquals(0x2D01BEEF12340200L, LinkFrame.controlHeader(0xBEEF, 0x0200, 0x1234));
    assertEquals(0xE1000000DEADBEEFL, LinkFrame.trailer(0xDEADBEEF));
    assertEquals(0x7800000000000000L, LinkFrame.idle());
  }

  @Test
  void blockTypesDifferInAtLeastFourBits() {
    int[] types = {LinkFrame.TYPE_IDLE, LinkFrame.TYPE_DATA, LinkFrame.TYPE_CONTROL, LinkFrame.TYPE_END};
    for (int i = 0; i < types.length; i++) {
      for (int j = i + 1; j < types.length; j++) {
        assertTrue(Integer.bitCount(types[i] ^ types[j]) >= 4, Integer.toHexString(types[i]) + " vs "
            + Integer.toHexString(types[j]));
      }
    }
  }

  @Test
  void narrowBeatsShareWordsLowBeatFirst() {
    LinkConfig c = config(3, 32); // 24-bit beats, two per word
    List<LinkFrame.Beat> beats = List.of(beat(0xAAAAAA), beat(0xBBBBBB), new LinkFrame.Beat(BigInteger.valueOf(0xCCCCCC), true));
    List<LinkFrame.Word> f = LinkFrame.dataFrame(c, 5, 40, beats);
    assertEquals(4, f.size()); // header, 2 payload words, trailer
    assertEquals(new LinkFrame.Word(true, LinkFrame.dataHeader(5, 3, 40, true)), f.get(0));
    assertEquals(new LinkFrame.Word(false, 0x0000_BBBB_BBAA_AAAAL), f.get(1));
    assertEquals(new LinkFrame.Word(false, 0x0000_0000_00CC_CCCCL), f.get(2));
    int crc = Crc32Words.frameCrc(List.of(f.get(0).data(), f.get(1).data(), f.get(2).data()));
    assertEquals(new LinkFrame.Word(true, LinkFrame.trailer(crc)), f.get(3));
  }

  @Test
  void wideBeatsSpanWordsLowWordFirst() {
    LinkConfig c = config(9, 32); // 72-bit beats over two words
    BigInteger data = new BigInteger("AB0123456789ABCDEF", 16);
    List<LinkFrame.Word> f = LinkFrame.dataFrame(c, 0, 0, List.of(new LinkFrame.Beat(data, false)));
    assertEquals(4, f.size());
    assertEquals(0x0123456789ABCDEFL, f.get(1).data());
    assertEquals(0xABL, f.get(2).data());
    assertFalse(f.get(1).control());
  }

  @Test
  void framesCloseWhenFullAndAtTlast() {
    LinkConfig c = config(8, 4);
    List<LinkFrame.Beat> stream = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      stream.add(new LinkFrame.Beat(BigInteger.valueOf(i), i == 5));
    }
    List<List<LinkFrame.Beat>> frames = LinkFrame.cutIntoFrames(c, stream);
    assertEquals(List.of(4, 2, 4, 1), frames.stream().map(List::size).toList());
  }

  @Test
  void badFramesAndConfigsAreRejectedWithTheirReason() {
    LinkConfig c = config(8, 4);
    assertThrows(IllegalArgumentException.class, () -> LinkFrame.dataFrame(c, 0, 0, List.of()));
    IllegalArgumentException tlast = assertThrows(IllegalArgumentException.class,
        () -> LinkFrame.dataFrame(c, 0, 0, List.of(new LinkFrame.Beat(BigInteger.ONE, true), beat(2))));
    assertTrue(tlast.getMessage().contains("tlast"), tlast.getMessage());
    IllegalArgumentException lanes = assertThrows(IllegalArgumentException.class,
        () -> new LinkConfig(65, 32, 64, 8, 64, 256, 16, 64, RamStyle.XILINX_BLOCK));
    assertTrue(lanes.getMessage().contains("lanes"), lanes.getMessage());
    IllegalArgumentException fifo = assertThrows(IllegalArgumentException.class,
        () -> new LinkConfig(8, 32, 64, 8, 16, 256, 16, 64, RamStyle.XILINX_BLOCK));
    assertTrue(fifo.getMessage().contains("rxFifoWords"), fifo.getMessage());
    IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
        () -> new LinkConfig(64, 4, 64, 8, 64, 256, 16, 64, RamStyle.XILINX_BLOCK));
    assertTrue(wide.getMessage().contains("one beat"), wide.getMessage());
    IllegalArgumentException frames = assertThrows(IllegalArgumentException.class,
        () -> new LinkConfig(8, 32, 64, 6, 64, 256, 16, 64, RamStyle.XILINX_BLOCK));
    assertTrue(frames.getMessage().contains("replayFrames"), frames.getMessage());
    assertEquals(RamStyle.INTEL_MLAB, LinkConfig.defaults(4, Vendor.INTEL).descriptorStyle());
  }

  private static LinkFrame.Beat beat(long v) {
    return new LinkFrame.Beat(BigInteger.valueOf(v), false);
  }
}
