package org.shardwire.plan;

import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.mac.LaneMacArrayConfig;
import org.shardwire.blocks.mac.MacArrayConfig;

/**
 * An engine's folding (docs/engines.md): PE and SIMD for the conv engine (MVAU), SIMD for the
 * depthwise engine, the lane count for every other engine, nothing for a wire (Flatten).
 */
public sealed interface Folding permits Folding.PeSimd, Folding.Simd, Folding.Lanes, Folding.Unfolded {
  /** Widths an activation stream may have (docs/engines.md, "Streams"), ascending: the SIMD widths. */
  List<Integer> STREAM_LANES = Widths.SIMD_WIDTHS.stream().sorted().toList();
  /** The widest output stream of a conv engine (PE lanes): the MAC array's limit. */
  int MAX_PE = MacArrayConfig.MAX_PE;
  /** The most output pixels a conv engine computes at once (MAC arrays on one weight stream). */
  int MAX_MMV = 16;

  /** Short text for tables: "pe8 simd4", "simd4", "lanes8", "-". */
  String label();

  /**
   * PE x SIMD for the conv engine: PE output channels in parallel, SIMD input channels per beat;
   * {@code mmv} output pixels at once (FINN's MMV: mmv MAC arrays on one weight stream), legal
   * only where the conv engine can build it ({@code ConvEngineConfig.mmvFits}); {@code packed}: two
   * int8 MACs per DSP48E2 (Xilinx, WP487), PE even, half a multiplier per MAC; {@code ddrBeatBits}:
   * 0 for weights in on-chip memory, else the weights stream from the board's DDR through an AXI4
   * port of that many data bits ({@code StreamedConvEngineConfig}, docs/ddr-weights.md);
   * {@code tiled}: those streamed weights are read once per frame into weight tiles by the
   * weight-stationary engine ({@code TiledConvEngineConfig}, label {@code ddr-tile}) instead of once
   * per output pixel.
   */
  record PeSimd(int pe, int simd, int mmv, boolean packed, int ddrBeatBits, boolean tiled) implements Folding {
    public PeSimd {
      if (pe < 1 || pe > MAX_PE) {
        throw new IllegalArgumentException("PE must be 1.." + MAX_PE + ", got " + pe);
      }
      if (!Widths.isMacSimd(simd)) {
        throw new IllegalArgumentException("SIMD must be in 1.." + Widths.MAX_MAC_SIMD + ", got " + simd);
      }
      if (mmv < 1 || mmv > MAX_MMV) {
        throw new IllegalArgumentException("MMV must be 1.." + MAX_MMV + ", got " + mmv);
      }
      if (packed && pe % 2 != 0) {
        throw new IllegalArgumentException("two MACs per DSP pair the PEs: PE must be even, got " + pe);
      }
      if (ddrBeatBits != 0 && (ddrBeatBits < 8 || ddrBeatBits > 1024 || Integer.bitCount(ddrBeatBits) != 1)) {
        throw new IllegalArgumentException("a DDR beat must be a power of two of 8..1024 bits (0: weights on chip), got "
            + ddrBeatBits);
      }
      if (tiled && (ddrBeatBits == 0 || mmv != 1)) {
        throw new IllegalArgumentException("weight tiles stream from DDR one pixel at a time: they need a DDR beat"
            + " and mmv 1, got " + ddrBeatBits + " bits, mmv " + mmv);
      }
    }

    /** Streamed once per output pixel, or on chip. */
    public PeSimd(int pe, int simd, int mmv, boolean packed, int ddrBeatBits) {
      this(pe, simd, mmv, packed, ddrBeatBits, false);
    }

    /** Weights on chip. */
    public PeSimd(int pe, int simd, int mmv, boolean packed) {
      this(pe, simd, mmv, packed, 0);
    }

    /** One MAC per multiplier. */
    public PeSimd(int pe, int simd, int mmv) {
      this(pe, simd, mmv, false);
    }

    /** One output pixel at a time, one MAC per multiplier. */
    public PeSimd(int pe, int simd) {
      this(pe, simd, 1);
    }

    /** The same folding with two MACs per DSP48E2. */
    public PeSimd packedTwoPerDsp() {
      return new PeSimd(pe, simd, mmv, true, ddrBeatBits, tiled);
    }

    /** Whether the weights stream from DDR. */
    public boolean streamed() {
      return ddrBeatBits > 0;
    }

    /** The same folding with its weights streamed from DDR through a port of {@code beatBits} data bits. */
    public PeSimd streamedFrom(int beatBits) {
      return new PeSimd(pe, simd, mmv, packed, beatBits);
    }

    /** The same folding with its weights read from DDR once per frame into weight tiles. */
    public PeSimd tiledFrom(int beatBits) {
      return new PeSimd(pe, simd, mmv, packed, beatBits, true);
    }

    /** The same folding with its weights on chip. */
    public PeSimd onChip() {
      return new PeSimd(pe, simd, mmv, packed, 0);
    }

    @Override
    public String label() {
      return "pe" + pe + " simd" + simd + (mmv > 1 ? " mmv" + mmv : "") + (packed ? " 2/dsp" : "") + (tiled ? " ddr-tile" : streamed() ? " ddr" : "");
    }
  }

  /**
   * SIMD channels per beat for the depthwise engine: any divisor of its channels up to 16, not only
   * a stream width ({@code DepthwiseConvEngineConfig.simdFits}; lane adapters regroup its streams).
   */
  record Simd(int simd) implements Folding {
    public Simd {
      if (simd < 1 || simd > LaneMacArrayConfig.MAX_LANES) {
        throw new IllegalArgumentException("SIMD must be 1.." + LaneMacArrayConfig.MAX_LANES + ", got " + simd);
      }
    }

    @Override
    public String label() {
      return "simd" + simd;
    }
  }

  /** Channels per stream word for pools, add, concat, shuffle, clamp. */
  record Lanes(int lanes) implements Folding {
    public Lanes {
      if (lanes < 1 || lanes > TensorStream.MAX_LANES) { // a stream width, or a whole pixel (max pool)
        throw new IllegalArgumentException("lanes must be 1.." + TensorStream.MAX_LANES + ", got " + lanes);
      }
    }

    @Override
    public String label() {
      return "lanes" + lanes;
    }
  }

  /** A wire has nothing to fold. */
  record Unfolded() implements Folding {
    @Override
    public String label() {
      return "-";
    }
  }
}
