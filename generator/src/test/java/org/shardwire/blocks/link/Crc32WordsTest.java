package org.shardwire.blocks.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The derived step matrix and the frame CRC against java.util.zip.CRC32. */
class Crc32WordsTest {

  @Test
  void frameCrcIsTheStandardCrc32OfTheWordsLittleEndianBytes() {
    Random rnd = new Random(2026);
    for (int n = 1; n <= 40; n++) {
      List<Long> words = new ArrayList<>();
      ByteBuffer bytes = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        long w = rnd.nextLong();
        words.add(w);
        bytes.putLong(w);
      }
      CRC32 reference = new CRC32();
      reference.update(bytes.array());
      assertEquals(reference.getValue(), Crc32Words.frameCrc(words) & 0xFFFF_FFFFL, n + " words");
    }
  }

  @Test
  void knownValue() {
    // "123456789" is the CRC catalogue's check input; pad to one word with a known tail.
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    b.put("12345678".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    CRC32 reference = new CRC32();
    reference.update(b.array());
    assertEquals(reference.getValue(), Crc32Words.frameCrc(List.of(b.getLong(0))) & 0xFFFF_FFFFL);
    assertEquals(0x9AE0DAAFL, reference.getValue()); // crc32("12345678")
  }

  @Test
  void matrixStepEqualsBitwiseStep() {
    Crc32Words.Row[] rows = Crc32Words.matrix();
    Random rnd = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      int state = rnd.nextInt();
      long word = rnd.nextLong();
      assertEquals(Crc32Words.stepBitwise(state, word), Crc32Words.stepByMatrix(rows, state, word));
    }
    for (int j = 0; j < 64; j++) {
      assertEquals(Crc32Words.stepBitwise(0, 1L << j), Crc32Words.stepByMatrix(rows, 0, 1L << j), "word bit " + j);
    }
  }

  @Test
  void everySingleBitErrorInAFrameChangesTheCrc() {
    Random rnd = new Random(3);
    List<Long> words = new ArrayList<>();
    for (int i = 0; i < 34; i++) {
      words.add(rnd.nextLong());
    }
    int good = Crc32Words.frameCrc(words);
    for (int w = 0; w < words.size(); w++) {
      for (int bit = 0; bit < 64; bit++) {
        List<Long> bad = new ArrayList<>(words);
        bad.set(w, bad.get(w) ^ (1L << bit));
        assertEquals(true, Crc32Words.frameCrc(bad) != good, "word " + w + " bit " + bit);
      }
    }
  }
}
