package org.shardwire.blocks.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The burst rule the reader's hardware is checked against, and the reader's config limits. */
class AxiBurstsTest {

  @Test
  void burstsCoverTheReadInOrderNeverCrossA4kBoundaryAndAreAsLongAsAllowed() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 2000; trial++) {
      int beatBytes = 1 << rnd.nextInt(8);                          // 1..128 bytes
      int pageBeats = 4096 / beatBytes;
      int maxBurst = 1 << rnd.nextInt(1 + Integer.numberOfTrailingZeros(Math.min(256, pageBeats)));
      long first = rnd.nextInt(1 << 20);
      long beats = rnd.nextInt(3000);
      List<AxiBursts.Burst> bursts = AxiBursts.split(first, beats, beatBytes, maxBurst);
      long next = first * beatBytes;
      long total = 0;
      for (AxiBursts.Burst b : bursts) {
        assertEquals(next, b.byteAddress(), "contiguous");
        long end = b.byteAddress() + (long) b.beats() * beatBytes;
        assertTrue(b.beats() >= 1 && b.beats() <= maxBurst);
        assertEquals(b.byteAddress() / 4096, (end - 1) / 4096, "crosses 4 KB: " + b);
        boolean endsAtPage = end % 4096 == 0;
        boolean isLast = total + b.beats() == beats;
        assertTrue(b.beats() == maxBurst || endsAtPage || isLast, "shorter than allowed: " + b);
        next = end;
        total += b.beats();
      }
      assertEquals(beats, total);
    }
  }

  @Test
  void aReadOverAPageBoundarySplitsThere() {
    // 16-byte beats, 256 beats to a page: beat 250 + 10 beats ends 4 beats into the next page.
    assertEquals(List.of(new AxiBursts.Burst(250 * 16, 6), new AxiBursts.Burst(4096, 4)),
        AxiBursts.split(250, 10, 16, 16));
  }

  @Test
  void theConfigRefusesWhatAxi4CannotCarry() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new VectorReaderConfig(8, 3, 32, 12, 16, 4))
        .getMessage().contains("2, 4, 8, 16"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new VectorReaderConfig(2, 2, 32, 12, 16, 4))
        .getMessage().contains("at least one byte"));
    // 128-byte beats: a 4 KB page holds 32, so a 64-beat burst would cross it.
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new VectorReaderConfig(64, 16, 32, 12, 64, 4))
        .getMessage().contains("at most 32 beats"));
    assertThrows(IllegalArgumentException.class, () -> new VectorReaderConfig(8, 16, 32, 12, 16, 0));
    assertEquals(8 * 16, new VectorReaderConfig(8, 16, 32, 12, 16, 8).bufferWords());
  }
}
