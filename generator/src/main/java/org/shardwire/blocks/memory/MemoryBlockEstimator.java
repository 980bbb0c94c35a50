package org.shardwire.blocks.memory;

import java.util.List;
import org.shardwire.hdl.RamStyle;

/**
 * How many vendor memory blocks a width x depth memory takes: the best single aspect-ratio mode
 * of the primitive, tiled (ceil(width / mode width) x ceil(depth / mode depth)). Vivado and
 * Quartus may do slightly better by mixing modes; this is the planner's conservative count.
 */
public final class MemoryBlockEstimator {
  private MemoryBlockEstimator() {}

  /** One aspect ratio a primitive can be configured in. */
  public record Mode(int depth, int width) {}

  /** Xilinx RAMB18E2 (18 Kb), simple dual port for the x36 mode. */
  public static final List<Mode> RAMB18 = List.of(new Mode(16384, 1), new Mode(8192, 2), new Mode(4096, 4),
      new Mode(2048, 9), new Mode(1024, 18), new Mode(512, 36));
  /** Xilinx RAMB36E2 (36 Kb), simple dual port for the x72 mode. */
  public static final List<Mode> RAMB36 = List.of(new Mode(32768, 1), new Mode(16384, 2), new Mode(8192, 4),
      new Mode(4096, 9), new Mode(2048, 18), new Mode(1024, 36), new Mode(512, 72));
  /** Xilinx URAM288: one fixed 4K x 72 shape. */
  public static final List<Mode> URAM288 = List.of(new Mode(4096, 72));
  /** Intel M20K (20 Kb). */
  public static final List<Mode> M20K = List.of(new Mode(2048, 10), new Mode(1024, 20), new Mode(512, 40));

  /** Blocks of one primitive and the mode that achieves it. */
  public record Estimate(String primitive, int blocks, Mode mode) {}

  public static Estimate estimate(String primitive, List<Mode> modes, int width, int depth) {
    if (width < 1 || depth < 1) {
      throw new IllegalArgumentException("memory size must be positive, got " + width + " x " + depth);
    }
    Estimate best = null;
    for (Mode m : modes) {
      int blocks = ceilDiv(width, m.width()) * ceilDiv(depth, m.depth());
      if (best == null || blocks < best.blocks()) {
        best = new Estimate(primitive, blocks, m);
      }
    }
    return best;
  }

  /**
   * Xilinx block RAM in RAMB36 equivalents: a memory that fits RAMB18s better counts half a
   * RAMB36 per RAMB18 (the planner's budget unit, as in the device tables).
   */
  public static double xilinxBlockRamb36(int width, int depth) {
    int as18 = estimate("RAMB18", RAMB18, width, depth).blocks();
    int as36 = estimate("RAMB36", RAMB36, width, depth).blocks();
    return Math.min(as18, 2 * as36) / 2.0;
  }

  /** Blocks for a memory placed in the given style; {@code Double} because RAMB18 halves count. */
  public static double blocks(RamStyle style, int width, int depth) {
    switch (style) {
      case XILINX_BLOCK:
        return xilinxBlockRamb36(width, depth);
      case XILINX_ULTRA:
        return estimate("URAM288", URAM288, width, depth).blocks();
      case INTEL_M20K:
        return estimate("M20K", M20K, width, depth).blocks();
      default:
        return 0; // LUT RAM: counted in LUTs/ALMs, not memory blocks
    }
  }

  /**
   * The widest port of the block a style places memory in (72 bits for RAMB36 and URAM288, 40 for
   * M20K), 1 for LUT RAM, which is built bit by bit. Every mode's width divides it, which is what
   * lets {@link BankLayout} split a word at multiples of it without costing a block.
   */
  public static int widestPort(RamStyle style) {
    List<Mode> modes;
    switch (style) {
      case XILINX_BLOCK:
        modes = RAMB36;
        break;
      case XILINX_ULTRA:
        modes = URAM288;
        break;
      case INTEL_M20K:
        modes = M20K;
        break;
      default:
        return 1;
    }
    return modes.stream().mapToInt(Mode::width).max().orElseThrow();
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
