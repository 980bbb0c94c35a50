package org.shardwire.blocks.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The WP487 rule ({@link PackedMac}) against plain int8 products. */
class PackedMacTest {

  @Test
  void everySingleProductSplitsExactly() {
    for (int a = -128; a < 128; a++) {
      for (int hi = -128; hi < 128; hi++) {
        for (int lo = -128; lo < 128; lo++) {
          long p = a * PackedMac.operand(hi, lo);
          if (PackedMac.low(p) != a * lo || PackedMac.high(p) != a * hi) {
            throw new AssertionError("a=" + a + " hi=" + hi + " lo=" + lo + ": low " + PackedMac.low(p) + " high "
                + PackedMac.high(p));
          }
        }
      }
    }
  }

  @Test
  void sevenExtremeProductsStillSplitAndAnEighthWouldNot() {
    byte[] a = MacArraySimTest.filled(7, (byte) -128);
    long[] d = PackedMac.dot(a, a, a);
    assertEquals(7 * 16384, d[0]);
    assertEquals(7 * 16384, d[1]);
    long eight = 8 * (-128 * PackedMac.operand(-128, -128));
    assertEquals(-131072, PackedMac.low(eight), "2^17 does not fit the 18-bit low field: why chunks hold 7");
  }

  @Test
  void chunkedDotProductsEqualThePlainOnes() {
    Random rnd = new Random(3);
    for (int simd : new int[] {1, 2, 3, 4, 7, 8, 14, 15, 16}) {
      for (int i = 0; i < 20_000; i++) {
        byte[] a = MacArraySimTest.randomBytes(rnd, simd);
        byte[] hi = MacArraySimTest.randomBytes(rnd, simd);
        byte[] lo = MacArraySimTest.randomBytes(rnd, simd);
        long low = 0;
        long high = 0;
        for (int l = 0; l < simd; l++) {
          low += a[l] * lo[l];
          high += a[l] * hi[l];
        }
        long[] d = PackedMac.dot(a, hi, lo);
        assertEquals(low, d[0], "low, simd " + simd);
        assertEquals(high, d[1], "high, simd " + simd);
      }
    }
  }

  @Test
  void thePackedGoldenModelEqualsThePlainOne() {
    MacArrayConfig c = new MacArrayConfig(16, 8, true);
    List<MacBeat> beats = new ArrayList<>(MacArraySimTest.randomBeats(c, 2000, new Random(5)));
    List<int[]> plain = MacArrayGolden.run(c, beats);
    List<int[]> packed = MacArrayGolden.runPacked(c, beats);
    assertEquals(plain.size(), packed.size());
    for (int i = 0; i < plain.size(); i++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(plain.get(i), packed.get(i), "emit " + i);
    }
  }

  @Test
  void halfTheMultipliersAndAnEvenPe() {
    assertEquals(32, new MacArrayConfig(8, 8, true).multipliers());
    assertEquals(64, new MacArrayConfig(8, 8).multipliers());
    assertThrows(IllegalArgumentException.class, () -> new MacArrayConfig(8, 3, true));
  }
}
