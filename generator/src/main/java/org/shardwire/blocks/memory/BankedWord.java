package org.shardwire.blocks.memory;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.hdl.Bits;

/**
 * A word read from a banked memory ({@link BankLayout}): one signal per bank, so a word wider
 * than one signal may be is never assembled. Readers take slices, which may span banks.
 */
public record BankedWord(BankLayout layout, List<Bits> banks) {
  public BankedWord {
    banks = List.copyOf(banks);
    if (banks.size() != layout.banks()) {
      throw new IllegalArgumentException("banked word: " + layout.banks() + " banks expected, got " + banks.size());
    }
    for (int b = 0; b < banks.size(); b++) {
      if (banks.get(b).width() != layout.bankWidth(b)) {
        throw new IllegalArgumentException("banked word: bank " + b + " must be " + layout.bankWidth(b)
            + " bits, got " + banks.get(b).width());
      }
    }
  }

  public int width() {
    return layout.width();
  }

  /** Bits {@code hi..lo} of the word, concatenated from the banks they lie in. */
  public Bits slice(int hi, int lo) {
    if (lo < 0 || hi < lo || hi >= width()) {
      throw new IllegalArgumentException("banked word: bits " + hi + ".." + lo + " outside the " + width()
          + "-bit word");
    }
    List<Bits> pieces = new ArrayList<>(); // most significant first, as Bits.concat takes them
    for (int b = layout.banks() - 1; b >= 0; b--) {
      int bankLo = layout.offset(b);
      int bankHi = bankLo + layout.bankWidth(b) - 1;
      int from = Math.max(lo, bankLo);
      int to = Math.min(hi, bankHi);
      if (from <= to) {
        pieces.add(banks.get(b).slice(to - bankLo, from - bankLo));
      }
    }
    return Bits.concat(pieces);
  }

  /** Lane {@code index} of {@code laneWidth}-bit lanes, lane 0 least significant. */
  public Bits lane(int index, int laneWidth) {
    return slice((index + 1) * laneWidth - 1, index * laneWidth);
  }

  /** The whole word as one signal (only when it fits one). */
  public Bits whole() {
    return slice(width() - 1, 0);
  }
}
