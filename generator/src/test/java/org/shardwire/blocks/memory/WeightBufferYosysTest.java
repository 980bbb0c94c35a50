package org.shardwire.blocks.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.sim.YosysSynthesis;
import org.shardwire.testing.TestPaths;

/**
 * The memory attributes the RTL carries map in yosys 0.23 as they are, and a ROM placed in block
 * RAM takes the blocks {@link MemoryBlockEstimator} plans for it. The LUT-RAM case is the shape
 * that used to stop yosys (a 1104-bit-wide, 2-deep parameter ROM marked {@code distributed}); the
 * MLAB case is a ROM that yosys's own MLAB rule refuses (initial contents) and used to put in M20K.
 */
class WeightBufferYosysTest {

  @ParameterizedTest(name = "{0} x {1} in {2}")
  @CsvSource({
      "1104, 2, XILINX_DISTRIBUTED",
      "144, 600, XILINX_BLOCK",
      "72, 1500, INTEL_M20K",
      "24, 40, INTEL_MLAB",
  })
  void mapsAsPlanned(int width, int depth, RamStyle style) {
    Random rnd = new Random(width * 31L + depth);
    List<BigInteger> words = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      words.add(new BigInteger(width, rnd));
    }
    WeightBufferConfig c = new WeightBufferConfig(width, depth, style, words);
    Path dir = TestPaths.freshDir("yosys/" + c.moduleName());
    EmittedDesign d = new VerilogEmitter(style.vendor(), GeneratorStamp.header("yosys test", c.toString()))
        .emit(() -> new WeightBuffer(c), dir);
    List<String> files = d.verilogFiles().stream().map(f -> f.getFileName().toString()).toList();
    YosysSynthesis.Resources r = YosysSynthesis.synthesise(dir, files, d.topModule(),
        style.vendor() == Vendor.INTEL, 600);
    assertEquals(MemoryBlockEstimator.blocks(style, width, depth), r.memoryBlocks(), 1e-9, "blocks: " + r.cells());
    if (style == RamStyle.XILINX_DISTRIBUTED) {
      // A ROM in LUTs: each bit of a 2-deep word is a constant or (the inverse of) the address, at
      // most one LUT per bit.
      assertTrue(r.logic() <= width, "LUTs: " + r.cells());
    }
    if (style == RamStyle.INTEL_MLAB) {
      // yosys's own MLAB rule takes no initial contents and would put this ROM in an M20K.
      assertTrue(r.logic() > 0, "the ROM sits in MLAB slices, counted as ALMs: " + r.cells());
    }
  }
}
