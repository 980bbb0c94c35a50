package org.shardwire.blocks.engines.conv;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.RequantProduct;
import org.shardwire.blocks.engines.RequantStages;
import org.shardwire.blocks.memory.BankLayout;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.RamStyle;

/**
 * The output stage of a conv engine: takes words of {@code lanes} int32 sums, output channels
 * {@code f * lanes .. f * lanes + lanes - 1} for fold f = 0 .. folds-1 in turn, and emits words of
 * {@code lanes} int8 results ({@link RequantTable}), with tlast on every {@code wordsPerFrame}-th.
 * Bias, M and s per channel sit in a parameter ROM of {@code folds} entries.
 *
 * <p>{@code wordsPerFold} words in a row share a fold before the next fold's come: 1 for a
 * pixel-major engine (every fold of a pixel, then the next pixel), the output pixels of a frame
 * for an engine that computes one fold over the whole frame at a time ({@link TiledConvEngineConfig}).
 *
 * <p>{@code share}: lane groups that take turns on one set of {@code lanes / share} requantizers
 * (docs/engines.md, "Shared requantizers"). A MAC engine's sum words come a window apart, many
 * cycles, while a requantizer per lane could take one every cycle, and each 32 x 32 product costs
 * 4 DSP48E2 (6 Arria 10 units). With {@code share} > 1 a word's sums and its parameter ROM entries
 * go through the requantizers in {@code share} slices of {@code lanes / share} lanes, one slice a
 * cycle, and the results are gathered back into one word: the stage takes a word every
 * {@code share} cycles, and the ROM and output FIFO stay as they are.
 */
public record RequantizerConfig(int lanes, int folds, RequantTable table, long wordsPerFrame, RamStyle romStyle,
                                long wordsPerFold, int share) {
  /** Register stages from accepting a sum to pushing the result: ROM, bias, then the requantizer (product x2, shift x2, round/clamp). */
  public static final int LATENCY = 2 + RequantStages.PIPELINED.latency();
  /** Output FIFO beats: the credit loop (latency + FIFO in/out) needs this many to take a sum every cycle. */
  public static final int FIFO_DEPTH = LATENCY + 4;

  /** Pixel-major: the fold changes with every word; a requantizer per lane. */
  public RequantizerConfig(int lanes, int folds, RequantTable table, long wordsPerFrame, RamStyle romStyle) {
    this(lanes, folds, table, wordsPerFrame, romStyle, 1, 1);
  }

  /**
   * The most lane groups that can share one set of requantizers without slowing the engine that
   * feeds them: the largest divisor of {@code lanes} no greater than {@code cyclesPerWord}, the
   * fewest cycles between two of its sum words (each slice takes the requantizers for one cycle).
   */
  public static int largestShare(int lanes, long cyclesPerWord) {
    List<Integer> fitting = Widths.divisorsUpTo(lanes, (int) Math.min(lanes, Math.max(1, cyclesPerWord)));
    return fitting.get(fitting.size() - 1);
  }

  /** The same stage with {@code share} lane groups taking turns on its requantizers. */
  public RequantizerConfig sharedBy(int share) {
    return new RequantizerConfig(lanes, folds, table, wordsPerFrame, romStyle, wordsPerFold, share);
  }

  /** Requantizers built: one per lane of a slice. */
  public int requantizers() {
    return lanes / share;
  }

  /** One per-channel product (int32 sum x 32-bit M) per requantizer built. */
  public List<RequantProduct> products() {
    return Collections.nCopies(requantizers(), RequantProduct.perChannel());
  }

  /**
   * Logic of the slicing besides the requantizers (each {@code LogicEstimate.LUTS_PER_REQUANTIZER},
   * counted by the engine): a {@code share}-way select of each slice lane's sum and ROM entry, and
   * the gather register of a word's results, about one LUT per bit.
   */
  public long sharingLuts() {
    return share == 1 ? 0 : LogicEstimate.serializerLuts(
        (long) lanes * (Widths.INT32 + RequantTable.ENTRY_BITS + Widths.INT8));
  }

  public RequantizerConfig {
    if (lanes < 1 || lanes > 64) {
      throw new IllegalArgumentException("requantizer: lanes must be in 1..64, got " + lanes);
    }
    if (folds < 1 || table == null || table.channels() != lanes * folds) {
      throw new IllegalArgumentException("requantizer: " + lanes + " lanes x " + folds + " folds need "
          + (long) lanes * folds + " channels of parameters, got " + (table == null ? 0 : table.channels()));
    }
    if (wordsPerFrame < 1 || wordsPerFrame % folds != 0) {
      throw new IllegalArgumentException("requantizer: words per frame must be a positive multiple of the "
          + folds + " folds, got " + wordsPerFrame);
    }
    if (wordsPerFold < 1 || wordsPerFrame % (wordsPerFold * folds) != 0) {
      throw new IllegalArgumentException("requantizer: words per frame (" + wordsPerFrame + ") must be a multiple of "
          + folds + " folds x " + wordsPerFold + " words per fold");
    }
    if (share < 1 || lanes % share != 0) {
      throw new IllegalArgumentException("requantizer: share must divide the " + lanes + " lanes, got " + share);
    }
    if (romStyle == null) {
      throw new IllegalArgumentException("requantizer: the parameter ROM style must be given");
    }
  }

  public int romWidth() {
    return lanes * RequantTable.ENTRY_BITS;
  }

  /** The ROM's banks: whole entries, none wider than one signal may be. */
  public BankLayout romBanks() {
    return BankLayout.of(romWidth(), RequantTable.ENTRY_BITS, romStyle);
  }

  /** ROM depth; at least 2 so the RAM always has a real address bit. */
  public int romDepth() {
    return Math.max(2, folds);
  }

  /** The output FIFO's RAM: the LUT RAM of the parameter ROM's vendor. */
  public RamStyle fifoStyle() {
    return romStyle.vendor().lutRamStyle();
  }

  /** The parameter ROM (its banks) and the output FIFO (data and tlast), as built. */
  public List<MemorySpec> memories() {
    List<MemorySpec> m = new ArrayList<>(MemorySpec.banked("requant_params", romBanks(), romDepth(), romStyle));
    m.add(new MemorySpec("requant_fifo", outputShape().payloadWidth(), FIFO_DEPTH, fifoStyle()));
    return m;
  }

  /** ROM word f: lane l's entry at bits l * ENTRY_BITS. */
  public List<BigInteger> romWords() {
    List<BigInteger> words = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      BigInteger w = BigInteger.ZERO;
      for (int l = lanes - 1; l >= 0; l--) {
        w = w.shiftLeft(RequantTable.ENTRY_BITS).or(table.entry(f * lanes + l));
      }
      words.add(w);
    }
    return words;
  }

  public AxisShape inputShape() {
    return AxisShape.data(lanes * Widths.INT32);
  }

  public AxisShape outputShape() {
    return AxisShape.data(lanes * Widths.INT8).withLast();
  }

  public String moduleName() {
    return "requant_l" + lanes + (share > 1 ? "_s" + share : "") + "_f" + folds
        + (wordsPerFold > 1 ? "_r" + wordsPerFold : "") + "_w" + wordsPerFrame
        + "_" + romStyle.value().toLowerCase() + "_" + table.contentHash().substring(0, 8);
  }
}
