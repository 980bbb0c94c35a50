package org.shardwire.blocks.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.sim.YosysSynthesis;
import org.shardwire.testing.TestPaths;

/**
 * yosys 0.23 ({@code synth_xilinx -family xcup}) builds a MAC array with the DSP48E2s its config
 * counts: one per MAC plain, one per PE pair and lane packed (WP487: the int8 activation times the
 * 27-bit pre-adder operand fits one 27 x 18 multiplier). Small arrays, so it stays in the default
 * suite; PE 8 x SIMD 16, packed and plain, is in bench/RESULTS.md.
 */
class MacArrayYosysTest {

  @ParameterizedTest(name = "simd={0} pe={1} packed={2}")
  @CsvSource({"3, 2, true", "8, 2, true"})
  void oneDspPerPackedPairAndLane(int simd, int pe, boolean packed) {
    MacArrayConfig c = new MacArrayConfig(simd, pe, packed);
    Path dir = TestPaths.freshDir("yosys/" + c.moduleName());
    EmittedDesign d = new VerilogEmitter(Vendor.XILINX, GeneratorStamp.header("yosys test", c.toString()))
        .emit(() -> new MacArray(c), dir);
    List<String> files = d.verilogFiles().stream().map(f -> f.getFileName().toString()).toList();
    YosysSynthesis.Resources r = YosysSynthesis.synthesise(dir, files, d.topModule(), false, 600);
    assertEquals(c.multipliers(), r.multipliers(), 1e-9, "DSP48E2: " + r.cells());
  }
}
