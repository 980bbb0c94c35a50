package org.shardwire.blocks.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Region addresses, padding and the image bytes of {@link DdrWeightLayout}. */
class DdrWeightLayoutTest {

  @Test
  void regionsStartOnTheirOwnPageAndWordsFillWholeBeats() {
    DdrWeightLayout l = DdrWeightLayout.of(16, 0x1000, List.of(new DdrWeightLayout.Segment("a", 72, 300),
        new DdrWeightLayout.Segment("b", 256, 1)));
    DdrWeightLayout.Region a = l.region("a");
    assertEquals(0x1000, a.byteAddress());
    assertEquals(1, a.beatsPerWord());              // 72 bits in one 128-bit beat
    assertEquals(300 * 16, a.bytes());
    DdrWeightLayout.Region b = l.region("b");
    assertEquals(0x1000 + 8192, b.byteAddress());   // 4,800 bytes of a round up to two pages
    assertEquals(2, b.beatsPerWord());
    assertEquals(3 * 4096, l.bytes());
  }

  @Test
  void theCommandOfASliceStartsAtItsFirstWordsBeat() {
    DdrWeightLayout l = DdrWeightLayout.of(16, 0x4000, List.of(new DdrWeightLayout.Segment("w", 256, 100)));
    VectorReaderConfig rc = VectorReaderConfig.of(8, 16, 32, 12);
    VectorReaderGolden.Command c = l.region("w").command(rc, 10, 5);
    assertEquals((0x4000 / 16 + 20) * 16L, c.base());  // element address = beat x lanes
    assertEquals(10, c.count());
    assertThrows(IllegalArgumentException.class, () -> l.region("w").command(rc, 99, 2));
    assertThrows(IllegalArgumentException.class, () -> l.region("w").command(VectorReaderConfig.of(8, 8, 32, 12), 0, 1));
  }

  @Test
  void wordsAreLittleEndianAndPaddedWithZeros() {
    DdrWeightLayout l = DdrWeightLayout.of(16, 0, List.of(new DdrWeightLayout.Segment("w", 24, 2)));
    byte[] image = l.image(Map.of("w", List.of(BigInteger.valueOf(0x030201), BigInteger.valueOf(0xa0b0c0))));
    assertEquals(4096, image.length);
    assertEquals(1, image[0]);
    assertEquals(3, image[2]);
    assertEquals(0, image[3]);                       // padding to the beat
    assertEquals((byte) 0xc0, image[16]);
    assertEquals((byte) 0xa0, image[18]);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> l.image(Map.of("w", List.of(BigInteger.ONE)))).getMessage().contains("needs 2 words"));
    assertThrows(IllegalArgumentException.class,
        () -> l.image(Map.of("w", List.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(24)))));
    assertThrows(IllegalArgumentException.class, () -> DdrWeightLayout.of(16, 100, List.of()));
  }
}
