package org.shardwire.blocks.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.hdl.RamStyle;

/** Block counts for shapes whose answer follows from the vendors' aspect-ratio tables. */
class MemoryBlockEstimatorTest {

  @ParameterizedTest(name = "{0}: {1} bits x {2} -> {3}")
  @CsvSource({
      // Xilinx block RAM, in RAMB36 equivalents (a RAMB18 counts 0.5)
      "XILINX_BLOCK, 18, 1024, 0.5",   // one RAMB18 in 1K x 18
      "XILINX_BLOCK, 36, 512, 0.5",    // one RAMB18 in 512 x 36
      "XILINX_BLOCK, 36, 1024, 1.0",   // one RAMB36 in 1K x 36
      "XILINX_BLOCK, 72, 512, 1.0",    // one RAMB36 in 512 x 72 (SDP)
      "XILINX_BLOCK, 8, 32768, 8.0",   // 8 x RAMB36 in 4K x 9 (or 32K x 1)
      "XILINX_BLOCK, 128, 2048, 7.5",  // 15 x RAMB18 in 2K x 9 beats 8 x RAMB36 in 1K x 36
      "XILINX_BLOCK, 1, 1, 0.5",       // the smallest memory still takes a RAMB18
      // UltraRAM: 4K x 72 only
      "XILINX_ULTRA, 64, 4096, 1",
      "XILINX_ULTRA, 72, 4097, 2",
      "XILINX_ULTRA, 144, 8192, 4",
      // Intel M20K: 512 x 40, 1K x 20, 2K x 10
      "INTEL_M20K, 32, 512, 1",
      "INTEL_M20K, 40, 1024, 2",
      "INTEL_M20K, 8, 4096, 2",
      "INTEL_M20K, 160, 512, 4",
      "INTEL_M20K, 20, 1024, 1",
      "INTEL_M20K, 10, 2048, 1",
      "INTEL_M20K, 11, 2048, 2",
  })
  void knownShapes(RamStyle style, int width, int depth, double blocks) {
    assertEquals(blocks, MemoryBlockEstimator.blocks(style, width, depth), 1e-9);
  }

  @ParameterizedTest
  @CsvSource({"0, 16", "8, 0", "-1, 4"})
  void rejectsEmptyMemories(int width, int depth) {
    assertThrows(IllegalArgumentException.class,
        () -> MemoryBlockEstimator.estimate("M20K", MemoryBlockEstimator.M20K, width, depth));
  }
}
