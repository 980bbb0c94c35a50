package org.shardwire.blocks.engines;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.shardwire.blocks.Widths;
import org.shardwire.hdl.Vendor;

/**
 * One requantizer's product {@code value x M} as the hardware builds it and synthesis sees it:
 * a signed value of {@code valueBits} times a signed M of {@code multiplierBits}. An M read per
 * channel from the parameter ROM is a full {@value EngineModule#MULTIPLIER_BITS}-bit operand; a
 * constant M is as narrow as its significant bits (synthesis drops its leading zeros and, for a
 * single constant, its trailing zeros as a shift), so the engine that builds it states its width
 * here and the plan counts the multiplier units the vendor's blocks need for that width.
 * {@code multiplierBits} 1 stands for a constant M that is a power of two (or 0): a shift, no
 * multiplier at all.
 */
public record RequantProduct(int valueBits, int multiplierBits) {
  public RequantProduct {
    if (valueBits < 2 || valueBits > 64 || multiplierBits < 1 || multiplierBits > EngineModule.MULTIPLIER_BITS) {
      throw new IllegalArgumentException("requantizer product: value 2..64 and M 1.." + EngineModule.MULTIPLIER_BITS
          + " bits, got " + valueBits + " x " + multiplierBits);
    }
  }

  /** A conv engine's requantizer: an int32 sum times an M read from the parameter ROM. */
  public static RequantProduct perChannel() {
    return new RequantProduct(Widths.INT32, EngineModule.MULTIPLIER_BITS);
  }

  /**
   * The product of a {@code valueBits}-bit value and M chosen among {@code table}'s constants;
   * empty when no requantizer is built (every entry the identity, {@link EngineModule#requantize}).
   */
  public static Optional<RequantProduct> of(int valueBits, Collection<RequantConstants> table) {
    if (table.isEmpty()) {
      throw new IllegalArgumentException("requantizer product: no (M, s) pair");
    }
    if (table.stream().allMatch(RequantConstants::isIdentity)) {
      return Optional.empty();
    }
    Set<Integer> multipliers = table.stream().map(RequantConstants::multiplier).collect(Collectors.toSet());
    if (multipliers.size() == 1) { // the shifts may differ; M is one constant
      long m = multipliers.iterator().next();
      long odd = m == 0 ? 0 : m >> Long.numberOfTrailingZeros(m);
      return Optional.of(new RequantProduct(valueBits, odd <= 1 ? 1 : significantBits(odd)));
    }
    // Several constants through a select: only the leading zeros they share are dropped.
    long widest = multipliers.stream().mapToLong(Integer::longValue).max().orElseThrow();
    return Optional.of(new RequantProduct(valueBits, significantBits(widest)));
  }

  /** Catalogue multiplier units the product takes on {@code vendor}'s blocks. */
  public int units(Vendor vendor) {
    return multiplierBits == 1 ? 0 : vendor.multiplierUnits(valueBits, multiplierBits);
  }

  /** Bits of a positive M as a signed operand: its magnitude and a sign bit. */
  private static int significantBits(long m) {
    return 64 - Long.numberOfLeadingZeros(m) + 1;
  }
}
