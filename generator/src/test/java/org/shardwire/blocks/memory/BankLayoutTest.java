package org.shardwire.blocks.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shardwire.blocks.engines.conv.RequantTable;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Signal;

/** Banks of wide words: within the signal limit, on lane and block-port boundaries, at no block cost. */
class BankLayoutTest {
  private static final List<RamStyle> STYLES = List.of(RamStyle.XILINX_BLOCK, RamStyle.XILINX_ULTRA,
      RamStyle.INTEL_M20K, RamStyle.XILINX_DISTRIBUTED, RamStyle.INTEL_MLAB);

  @Test
  void theFailingParameterRomOfSixtyFourLanesSplitsIntoWholeEntries() {
    // conv1 of resnet50 at PE 64: 64 x 69 = 4416 bits, one bit more than SpinalHDL takes was enough to fail.
    BankLayout rom = BankLayout.of(64 * RequantTable.ENTRY_BITS, RequantTable.ENTRY_BITS, RamStyle.XILINX_DISTRIBUTED);
    assertEquals(List.of(32 * RequantTable.ENTRY_BITS, 32 * RequantTable.ENTRY_BITS), rom.bankWidths());
  }

  @Test
  void aWordThatFitsStaysWhole() {
    assertEquals(List.of(4096), BankLayout.of(4096, 8, RamStyle.XILINX_DISTRIBUTED).bankWidths());
    assertEquals(List.of(1104), BankLayout.of(1104, 8, RamStyle.XILINX_BLOCK).bankWidths());
  }

  @Test
  void everyWidthUpToTheWidestWeightWordIsBankedWithinTheLimitAtNoBlockCost() {
    for (RamStyle style : STYLES) {
      int port = MemoryBlockEstimator.widestPort(style);
      for (int width = 8; width <= 64 * 16 * 8; width += 8) {
        BankLayout l = BankLayout.of(width, 8, style);
        assertEquals(width, l.bankWidths().stream().mapToInt(Integer::intValue).sum());
        for (int b = 0; b < l.banks(); b++) {
          assertTrue(l.bankWidth(b) <= Signal.MAX_WIDTH, style + " " + width + ": " + l.bankWidths());
          assertEquals(0, l.offset(b) % 8, "a lane straddles two banks");
          if (b < l.banks() - 1) {
            assertEquals(0, l.bankWidth(b) % port, style + " " + width + ": bank off the block port: " + l.bankWidths());
          }
        }
        if (width <= Signal.MAX_WIDTH) {
          assertEquals(1, l.banks());
        }
        for (int depth : new int[] {2, 100, 512, 700, 4096, 5000}) {
          double whole = MemoryBlockEstimator.blocks(style, width, depth);
          double banked = 0;
          for (int w : l.bankWidths()) {
            banked += MemoryBlockEstimator.blocks(style, w, depth);
          }
          // Each bank may even pick a better aspect ratio than the whole word could.
          assertTrue(banked <= whole, style + " " + width + " x " + depth + " banked as " + l.bankWidths());
        }
      }
    }
  }

  @Test
  void thePartsReassembleTheWord() {
    Random rnd = new Random(3);
    BankLayout l = BankLayout.of(8192, 8, RamStyle.XILINX_BLOCK);
    assertEquals(3, l.banks());
    for (int i = 0; i < 20; i++) {
      BigInteger w = new BigInteger(8192, rnd);
      BigInteger back = BigInteger.ZERO;
      for (int b = l.banks() - 1; b >= 0; b--) {
        back = back.shiftLeft(l.bankWidth(b)).or(l.part(w, b));
      }
      assertEquals(w, back);
    }
  }
}
