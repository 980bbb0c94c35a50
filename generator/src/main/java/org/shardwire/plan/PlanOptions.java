package org.shardwire.plan;

import java.util.OptionalInt;
import org.shardwire.boards.BoardList;

/**
 * Planner settings: the fabric clock every board runs at, an optional cap on the multiplier
 * units one engine may use (keeps simulation-sized designs small; the unfolded engine is always
 * allowed, even above the cap), and whether conv engines on Xilinx boards may pack two int8 MACs
 * into one DSP48E2 ({@code Folding.PeSimd#packed}; off unless asked for, {@code --dsp-packing}; when
 * on, the planner weighs the packed foldings beside the plain ones), and which layers may stream
 * their weights from board DDR ({@link DdrWeights}, {@code --ddr-weights}).
 */
public record PlanOptions(double clockMhz, OptionalInt maxMultipliersPerEngine, boolean dspPacking,
    DdrWeights ddrWeights) {
  public static final double MAX_CLOCK_MHZ = 1000;
  /** Below this no FPGA fabric runs, and plan.json's three decimals would round the clock away. */
  public static final double MIN_CLOCK_MHZ = 1;

  public PlanOptions {
    if (!(clockMhz >= MIN_CLOCK_MHZ) || clockMhz > MAX_CLOCK_MHZ) {
      throw new IllegalArgumentException("clock must be a number of MHz in " + (int) MIN_CLOCK_MHZ + ".."
          + (int) MAX_CLOCK_MHZ + ", got " + clockMhz);
    }
    java.util.Objects.requireNonNull(ddrWeights, "ddrWeights");
    if (maxMultipliersPerEngine.isPresent() && maxMultipliersPerEngine.getAsInt() < 1) {
      throw new IllegalArgumentException("the multiplier cap per engine must be at least 1, got "
          + maxMultipliersPerEngine.getAsInt());
    }
  }

  /** Weights streamed from DDR where the planner chooses it ({@link DdrWeights#AUTO}). */
  public PlanOptions(double clockMhz, OptionalInt maxMultipliersPerEngine, boolean dspPacking) {
    this(clockMhz, maxMultipliersPerEngine, dspPacking, DdrWeights.AUTO);
  }

  /** One MAC per multiplier everywhere. */
  public PlanOptions(double clockMhz, OptionalInt maxMultipliersPerEngine) {
    this(clockMhz, maxMultipliersPerEngine, false);
  }

  /** The cluster's default clock (its slowest board's) and no cap. */
  public static PlanOptions defaults(BoardList boards) {
    return new PlanOptions(boards.defaultClockMhz(), OptionalInt.empty());
  }

  public PlanOptions withClockMhz(double mhz) {
    return new PlanOptions(mhz, maxMultipliersPerEngine, dspPacking, ddrWeights);
  }

  public PlanOptions withMaxMultipliersPerEngine(int cap) {
    return new PlanOptions(clockMhz, OptionalInt.of(cap), dspPacking, ddrWeights);
  }

  public PlanOptions withDspPacking(boolean on) {
    return new PlanOptions(clockMhz, maxMultipliersPerEngine, on, ddrWeights);
  }

  public PlanOptions withDdrWeights(DdrWeights d) {
    return new PlanOptions(clockMhz, maxMultipliersPerEngine, dspPacking, d);
  }

  public boolean allows(int multipliers) {
    return maxMultipliersPerEngine.isEmpty() || multipliers <= maxMultipliersPerEngine.getAsInt();
  }
}
