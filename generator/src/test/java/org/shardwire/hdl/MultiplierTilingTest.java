package org.shardwire.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Units of signed products as yosys 0.23 maps them, measured on one registered product
 * {@code y <= a * b} per case ({@code synth_xilinx -family xcup}: DSP48E2;
 * {@code synth_intel_alm -family cyclone10gx}: MUL18X18 one unit, MUL27X27 two); a constant
 * operand was written with exactly the given significant bits. The order counts (yosys's first
 * Intel pass takes a product only if its first operand is at least 19 bits): the cases are in the
 * requantizer's order, value x M. RequantizerUnitsYosysTest checks the rule on the engines themselves.
 */
class MultiplierTilingTest {

  @ParameterizedTest(name = "{0} x {1} bits: Xilinx {2}, Intel {3}")
  @CsvSource({
      // a conv requantizer: int32 sum x M from the ROM (2 x 27x27 + 2 x 18x18 on Intel)
      "32, 32, 4, 6",
      // an int32 x an 18-bit signed constant: two DSP48E2, one 27x27 + one 18x18
      "32, 18, 2, 3",
      // int8 value x constant M of 3, 6, 18, 21, 25, 27, 28 and 32 signed bits
      "8, 3, 1, 0",
      "8, 6, 1, 1",
      "8, 18, 1, 1",
      "8, 21, 1, 1",
      "8, 25, 1, 2",
      "8, 27, 1, 2",
      "8, 28, 2, 2",
      "8, 32, 2, 2",
      "12, 3, 1, 0",
      "12, 6, 1, 1",
      "12, 10, 1, 1"})
  void unitsAreWhatYosysBuilds(int a, int b, int xilinx, int intel) {
    assertEquals(xilinx, Vendor.XILINX.multiplierUnits(a, b));
    assertEquals(intel, Vendor.INTEL.multiplierUnits(a, b));
  }

  @ParameterizedTest(name = "{0} x {1}")
  @CsvSource({"0, 8", "8, 0"})
  void anEmptyOperandIsRefused(int a, int b) {
    assertThrows(IllegalArgumentException.class, () -> Vendor.XILINX.multiplierUnits(a, b));
  }
}
