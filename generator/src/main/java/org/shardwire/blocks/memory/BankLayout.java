package org.shardwire.blocks.memory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Signal;

/**
 * How a memory word wider than one signal may be is split into banks that sit side by side and
 * are read at the same address: bank 0 holds the least significant bits.
 *
 * <p>Bank boundaries fall on multiples of a <em>unit</em>: the word's lane (so an int8 weight or a
 * parameter ROM entry never straddles two banks) rounded up to the widest port of the vendor block
 * the memory is placed in (72 bits for RAMB36 and URAM288, 40 for M20K, 1 for LUT RAM;
 * {@link MemoryBlockEstimator#widestPort}). Every mode of those blocks has a width dividing that
 * port, so a bank needs exactly its share of the blocks the unsplit word would need: banking never
 * costs a block. A bank is at most {@link #MAX_BANK_BITS} wide, the banks are balanced (equal units,
 * the last one takes the rest), and a word that fits one bank stays whole.
 *
 * @param width the word's bits
 * @param bankWidths the banks' widths, least significant bank first; they sum to {@code width}
 */
public record BankLayout(int width, List<Integer> bankWidths) {
  /** The widest bank: SpinalHDL elaborates no signal wider ({@link Signal#MAX_WIDTH}). */
  public static final int MAX_BANK_BITS = Signal.MAX_WIDTH;

  public BankLayout {
    bankWidths = List.copyOf(bankWidths);
    int sum = 0;
    for (int w : bankWidths) {
      if (w < 1 || w > MAX_BANK_BITS) {
        throw new IllegalArgumentException("bank layout: a bank must be 1.." + MAX_BANK_BITS + " bits, got " + w);
      }
      sum += w;
    }
    if (bankWidths.isEmpty() || sum != width) {
      throw new IllegalArgumentException("bank layout: banks " + bankWidths + " must add up to the " + width
          + "-bit word");
    }
  }

  /** The banks of a {@code width}-bit word of {@code laneWidth}-bit lanes placed in {@code style}. */
  public static BankLayout of(int width, int laneWidth, RamStyle style) {
    return of(width, laneWidth, MemoryBlockEstimator.widestPort(style), MAX_BANK_BITS);
  }

  /**
   * The banks of a {@code width}-bit word of {@code laneWidth}-bit lanes whose boundaries fall on
   * multiples of lcm(laneWidth, blockPort), each at most {@code maxBankWidth} bits.
   */
  public static BankLayout of(int width, int laneWidth, int blockPort, int maxBankWidth) {
    if (width < 1 || laneWidth < 1 || width % laneWidth != 0) {
      throw new IllegalArgumentException("bank layout: a " + width + "-bit word is not a whole number of "
          + laneWidth + "-bit lanes");
    }
    long unit = lcm(laneWidth, blockPort);
    if (unit > maxBankWidth && width > maxBankWidth) {
      throw new IllegalArgumentException("bank layout: a bank unit of " + unit + " bits (lane " + laneWidth
          + ", block port " + blockPort + ") exceeds the " + maxBankWidth + "-bit bank");
    }
    if (width <= maxBankWidth) {
      return new BankLayout(width, List.of(width));
    }
    long units = (width + unit - 1) / unit;
    long maxUnitsPerBank = maxBankWidth / unit;
    long banks = (units + maxUnitsPerBank - 1) / maxUnitsPerBank;
    long bankBits = (units + banks - 1) / banks * unit;
    List<Integer> widths = new ArrayList<>();
    for (long left = width; left > 0; left -= bankBits) {
      widths.add((int) Math.min(left, bankBits));
    }
    return new BankLayout(width, widths);
  }

  public int banks() {
    return bankWidths.size();
  }

  public int bankWidth(int bank) {
    return bankWidths.get(bank);
  }

  /** The word's bit where a bank starts. */
  public int offset(int bank) {
    int o = 0;
    for (int b = 0; b < bank; b++) {
      o += bankWidths.get(b);
    }
    return o;
  }

  /** Bank b's part of a word, for the bank's init contents. */
  public BigInteger part(BigInteger word, int bank) {
    return word.shiftRight(offset(bank)).and(BigInteger.ONE.shiftLeft(bankWidth(bank)).subtract(BigInteger.ONE));
  }

  /** Bank b's parts of every word. */
  public List<BigInteger> parts(List<BigInteger> words, int bank) {
    List<BigInteger> out = new ArrayList<>(words.size());
    for (BigInteger w : words) {
      out.add(part(w, bank));
    }
    return out;
  }

  private static long lcm(long a, long b) {
    return a / BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)).longValueExact() * b;
  }
}
