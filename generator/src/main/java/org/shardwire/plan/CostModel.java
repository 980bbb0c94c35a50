package org.shardwire.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.engines.conv.ConvEngineConfig;
import org.shardwire.blocks.engines.conv.DepthwiseConvEngineConfig;
import org.shardwire.blocks.engines.conv.DdrWeightEngine;
import org.shardwire.boards.Board;
import org.shardwire.boards.DdrBank;
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.Shape;

/**
 * Cycles and resources of an engine at a folding, read from the engine config that folding builds
 * ({@link EngineSpec#engine()}): the config is the only owner of an engine's cycles per frame,
 * memories (every one it builds: weights, line buffer, parameter ROM, FIFOs), multipliers and
 * logic estimate (docs/engines.md gives the formulas, docs/planner.md says where each lives).
 * What stays here is which foldings are legal and which are worth weighing, plus one memory the
 * engine does not build itself: the branch FIFO in front of an engine that a fork feeds
 * ({@link #branchFifo}, depth from {@link BranchFifos}), which the board assembly builds.
 *
 * <p>Multipliers are counted in catalogue units: one per int8 MAC (half a DSP48E2 per MAC when
 * packed two per DSP), and for each requantizer the units its value x M product takes on the
 * board vendor's blocks ({@link org.shardwire.blocks.engines.RequantProduct}).
 */
public final class CostModel {
  /** The name under which an engine's plan counts the branch FIFO in front of it. */
  public static final String BRANCH_FIFO = "branch_fifo";

  private CostModel() {}

  /** Every legal folding of an engine (docs/engines.md divisibility rules). */
  public static List<Folding> legalFoldings(EngineSpec e) {
    List<Folding> out = new ArrayList<>();
    switch (e.kind()) {
      case CONV:
        out.addAll(convFoldings(e, convPes(e)));
        break;
      case DEPTHWISE:
        for (int simd : DepthwiseConvEngineConfig.simds(e.inChannels())) {
          out.add(new Folding.Simd(simd));
        }
        break;
      case WIRE:
        out.add(new Folding.Unfolded());
        break;
      default:
        for (int lanes : streamLanes(e)) {
          boolean divides = e.output().c() % lanes == 0;
          for (Shape in : e.inputs()) {
            divides &= in.c() % lanes == 0;
          }
          if (divides) {
            out.add(new Folding.Lanes(lanes));
          }
        }
        // A max pool may also read a whole pixel per word (its window allows it): behind a stem of
        // 24 channels, lanes 8 would otherwise hold it at C/8 words per window position.
        int c = e.input().c();
        if (e.kind() == EngineKind.MAX_POOL && !Folding.STREAM_LANES.contains(c) && c <= TensorStream.MAX_LANES) {
          out.add(new Folding.Lanes(c));
        }
    }
    return out;
  }

  /**
   * The lane counts a MAC-free engine may take: the stream widths; a shuffle any divisor of its
   * channels up to {@link TensorStream#MAX_LANES}, since every output lane picks its own source
   * channel from a whole buffered pixel whatever the word size (ShuffleNet's 50-channel shuffles
   * would otherwise stop at 2 lanes, and bound the network at C/2 cycles a pixel). Lane adapters
   * regroup the streams around it, as around a depthwise SIMD 5.
   */
  private static List<Integer> streamLanes(EngineSpec e) {
    if (e.kind() != EngineKind.SHUFFLE) {
      return Folding.STREAM_LANES;
    }
    return Widths.divisorsUpTo(e.output().c(), TensorStream.MAX_LANES);
  }

  /** The foldings of a conv at each of {@code pes}, one MAC per multiplier: every SIMD that builds, MMV where it fits. */
  private static List<Folding> convFoldings(EngineSpec e, List<Integer> pes) {
    List<Folding> out = new ArrayList<>();
    int cinPerGroup = e.inChannels() / e.groups();
    for (int pe : pes) {
      int widestSimd = 0;
      for (int simd : convSimds(cinPerGroup)) {
        // Only foldings that can be built: a weight buffer no deeper than the block takes (wide
        // weight words and parameter ROMs are banked, docs/engines.md "Wide words: banks").
        if (cinPerGroup % simd == 0 && WeightBufferConfig.fitsDepth(
            ConvEngineConfig.weightWords(e.outChannels(), e.kernelH() * e.kernelW(), cinPerGroup, pe, simd))) {
          out.add(new Folding.PeSimd(pe, simd));
          widestSimd = simd;
        }
      }
      addMmv(e, pe, widestSimd, out);
      addKernelRow(e, pe, widestSimd, out);
      addWindowSimds(e, pe, out);
    }
    return out;
  }

  /**
   * SIMD across the flattened window ({@code ConvEngineConfig.windowSimd}): every width past
   * {@link Widths#MAX_CONV_SIMD} up to {@link Widths#MAX_MAC_SIMD} that divides Kh x Kw x Cin and
   * that the window can feed. Channel SIMD alone steps a 3x3 conv of 64 channels by a sixth or
   * more (PE 11 x SIMD 16 at 216 cycles a pixel, PE 13 at 180); SIMD 24 and 48 fill those gaps
   * (PE 8 x 24, PE 4 x 48: 192 on 192 MACs).
   */
  private static void addWindowSimds(EngineSpec e, int pe, List<Folding> out) {
    int cin = e.inChannels();
    int area = e.kernelH() * e.kernelW();
    for (int simd : Widths.divisorsUpTo(area * cin / e.groups(), Widths.MAX_MAC_SIMD)) {
      if (simd > Widths.MAX_CONV_SIMD && ConvEngineConfig.windowSimd(cin, e.kernelH(), e.kernelW(), e.groups(), simd, 1)
          && WeightBufferConfig.fitsDepth(ConvEngineConfig.weightWords(e.outChannels(), area, cin, pe, simd))) {
        out.add(new Folding.PeSimd(pe, simd));
      }
    }
  }

  /**
   * SIMD across a kernel row (Kw x Cin a beat, {@code ConvEngineConfig.kernelRowSimd}), offered
   * where channel SIMD stops short of {@link Widths#MAX_CONV_SIMD} because the input has few
   * channels, and the row is wider than the widest channel SIMD: a 7x7 3-channel stem gets SIMD 21
   * beside 3, so with padded PEs it can take 231 MACs at 6 folds instead of jumping from 192 (PE 64,
   * SIMD 3) to MMV 2's 384.
   */
  private static void addKernelRow(EngineSpec e, int pe, int widestSimd, List<Folding> out) {
    int cin = e.inChannels();
    int row = e.kernelW() * cin;
    if (cin >= Widths.MAX_CONV_SIMD || row <= widestSimd
        || !ConvEngineConfig.kernelRowSimd(cin, e.kernelW(), e.groups(), row, 1)
        || !WeightBufferConfig.fitsDepth(ConvEngineConfig.weightWords(e.outChannels(), e.kernelH() * e.kernelW(), cin,
            pe, row))) {
      return;
    }
    out.add(new Folding.PeSimd(pe, row));
  }

  /**
   * The PEs a conv may take, ascending: the divisors of its output channels per group, and with
   * one group also, for every fold count the divisors miss, the smallest PE that many folds need
   * ({@code ConvEngineConfig.paddedPeFits}: its last fold padded). Of the PEs
   * with the same fold count only the smallest is worth weighing: same cycles, fewer MACs.
   */
  private static List<Integer> convPes(EngineSpec e) {
    int coutPerGroup = e.outChannels() / e.groups();
    TreeSet<Integer> pes = new TreeSet<>(Widths.divisorsUpTo(coutPerGroup, Folding.MAX_PE));
    for (int folds = 1; folds <= coutPerGroup; folds++) {
      int pe = ceilDiv(coutPerGroup, folds);
      if (pe <= Folding.MAX_PE && ConvEngineConfig.paddedPeFits(e.outChannels(), e.groups(), pe, 1)
          && ceilDiv(coutPerGroup, pe) == folds) {
        pes.add(pe);
      }
    }
    return new ArrayList<>(pes);
  }

  /**
   * The PEs a conv may take only packed two MACs per DSP: for every fold count whose smallest PE
   * ({@link #convPes}) is odd, and so cannot pair its PEs, the next PE when it still needs that many
   * folds (its last fold padded one lane more). Unpacked, the odd PE does the same folds with
   * fewer MACs; packed, without it the fold count would be missing (Cout 128: 7 folds at PE 19,
   * so a packed 3x3 conv would jump from 8 folds to 6).
   */
  private static List<Integer> packedOnlyPes(EngineSpec e) {
    int coutPerGroup = e.outChannels() / e.groups();
    List<Integer> out = new ArrayList<>();
    for (int pe : convPes(e)) {
      int even = pe + 1;
      if (pe % 2 != 0 && even <= Folding.MAX_PE && ConvEngineConfig.paddedPeFits(e.outChannels(), e.groups(), even, 1)
          && ceilDiv(coutPerGroup, even) == ceilDiv(coutPerGroup, pe)) {
        out.add(even);
      }
    }
    return out;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /**
   * The SIMD widths a conv may take: every divisor of its input channels per group up to
   * {@link Widths#MAX_CONV_SIMD}, not only the stream widths: a 3-channel image takes a whole
   * pixel per word, and 25 channels per group (ShuffleNet g2's stage 2 pointwise convs) SIMD 5 or
   * 25's other divisors, where a power of two would leave SIMD 1.
   */
  private static List<Integer> convSimds(int cinPerGroup) {
    return Widths.divisorsUpTo(cinPerGroup, Widths.MAX_CONV_SIMD);
  }

  /**
   * Several output pixels at once (MMV), offered where SIMD and PE can grow no further: at the
   * widest SIMD the input channels allow and PE = Cout, for a conv with one group and a window
   * wider than 1x1 (a 3-channel stem: SIMD 1, so this is its only parallelism beyond PE). mmv
   * divides the output width; the engine config checks the rest ({@code ConvEngineConfig.mmvFits}).
   */
  private static void addMmv(EngineSpec e, int pe, int simd, List<Folding> out) {
    if (simd == 0 || e.groups() != 1 || pe != e.outChannels() || e.kernelH() * e.kernelW() == 1) {
      return;
    }
    for (int mmv = 2; mmv <= Folding.MAX_MMV; mmv++) {
      if (e.output().w() % mmv == 0 && mmv * simd <= TensorStream.MAX_LANES) {
        out.add(new Folding.PeSimd(pe, simd, mmv));
      }
    }
  }

  /**
   * Every legal folding of a conv with an even PE also with two int8 MACs per DSP48E2 ({@link
   * Folding.PeSimd#packed}, WP487): same cycles and memories, half the MAC multipliers; and,
   * packed only, the even PEs that keep a fold count whose smallest PE is odd ({@link
   * #packedOnlyPes}). Only Xilinx's DSP48E2 (27 x 18) holds two int8 products sharing an operand;
   * an Arria 10 18 x 19 multiplier is counted as it is.
   */
  public static List<Folding> legalFoldings(EngineSpec e, boolean dspPacking) {
    List<Folding> plain = legalFoldings(e);
    if (!dspPacking) {
      return plain;
    }
    List<Folding> evenPe = new ArrayList<>(plain);
    if (e.kind() == EngineKind.CONV) {
      evenPe.addAll(convFoldings(e, packedOnlyPes(e)));
    }
    List<Folding> out = new ArrayList<>(plain);
    for (Folding f : evenPe) {
      if (f instanceof Folding.PeSimd p && p.pe() % 2 == 0) {
        out.add(p.packedTwoPerDsp());
      }
    }
    return out;
  }

  /** Whether a board of {@code vendor} may pack two MACs per DSP under {@code options}. */
  public static boolean dspPacking(PlanOptions options, Vendor vendor) {
    return options.dspPacking() && vendor == Vendor.XILINX;
  }

  /** {@link #options(EngineSpec, PlanOptions, Vendor)} with one MAC per multiplier (any vendor). */
  public static List<EngineCost> options(EngineSpec e, PlanOptions options) {
    return options(e, options, Vendor.INTEL);
  }

  /**
   * Every legal folding with its cost on a board of {@code vendor}, cheapest first (fewest
   * multipliers, then least parallel, then fewest cycles, then the narrower output stream),
   * keeping only those within the cap of {@code options}; the cheapest buildable one is always
   * kept so every engine can be built. A folding whose engine config cannot be built (its
   * constructor rejects it) is not an option. Packed foldings are offered on Xilinx boards when
   * {@code options} allow them ({@link #dspPacking}).
   */
  public static List<EngineCost> options(EngineSpec e, PlanOptions options, Vendor vendor) {
    return options(e, options, vendor, 0);
  }

  /**
   * {@link #options(EngineSpec, PlanOptions, Vendor)} on {@code board}: its vendor, and where the
   * board has DRAM ({@link #ddrBank}) and {@code options.ddrWeights()} offers the layer, every conv
   * folding also with its weights streamed from that bank ({@code StreamedConvEngineConfig}: the
   * weight ROM gone, DDR bytes per frame instead; only those when the layer is forced to stream).
   */
  public static List<EngineCost> options(EngineSpec e, PlanOptions options, Board board) {
    return options(e, options, board.vendor(), ddrBank(board).map(DdrBank::axiDataBits).orElse(0));
  }

  /** Bytes a cycle at {@code clockMhz} the board's streamed weights may read: its {@link #ddrBank}'s usable rate (0 without DDR). */
  public static double ddrBytesPerCycle(Board board, double clockMhz) {
    return ddrBank(board).map(b -> b.usableBytesPerCycle(clockMhz)).orElse(0.0);
  }

  /** The DRAM bank streamed weights come from: the board's first ({@code ddr.0} in its catalog file). */
  public static Optional<DdrBank> ddrBank(Board board) {
    return board.ddr().isEmpty() ? Optional.empty() : Optional.of(board.ddr().get(0));
  }

  /** The foldings weighed for {@code e}: on chip, streamed from a DDR port of {@code ddrBeatBits} (0: none), or both. */
  private static List<Folding> weighed(EngineSpec e, PlanOptions options, Vendor vendor, int ddrBeatBits) {
    List<Folding> onChip = legalFoldings(e, dspPacking(options, vendor));
    boolean conv = e.kind() == EngineKind.CONV;
    if (conv && options.ddrWeights().forces(e.node()) && ddrBeatBits == 0) {
      throw new PlanException("layer " + e.node() + ": --ddr-weights streams its weights from DDR, but the board it "
          + "would go on has no DDR bank in the catalog");
    }
    if (!conv || ddrBeatBits == 0 || !options.ddrWeights().offers(e.node())) {
      return onChip;
    }
    List<Folding> out = new ArrayList<>(options.ddrWeights().forces(e.node()) ? List.of() : onChip);
    for (Folding f : onChip) {
      Folding.PeSimd p = (Folding.PeSimd) f;
      out.add(p.streamedFrom(ddrBeatBits));
      if (p.mmv() == 1) { // weight tiles: the engine refuses groups (then the folding is not an option)
        out.add(p.tiledFrom(ddrBeatBits));
      }
    }
    return out;
  }

  private static List<EngineCost> options(EngineSpec e, PlanOptions options, Vendor vendor, int ddrBeatBits) {
    List<EngineCost> all = new ArrayList<>();
    List<String> unbuildable = new ArrayList<>();
    for (Folding f : weighed(e, options, vendor, ddrBeatBits)) {
      try {
        all.add(cost(e, f, vendor));
      } catch (IllegalArgumentException notBuildable) {
        // the engine config rejects it (e.g. a weight memory too deep): not an option
        unbuildable.add(f.label() + ": " + notBuildable.getMessage());
      }
    }
    if (all.isEmpty()) {
      throw new PlanException("layer " + e.node() + " (" + e.op() + "): no folding builds an engine; "
          + String.join("; ", unbuildable.subList(0, Math.min(3, unbuildable.size()))));
    }
    all.sort(Comparator.comparingInt(EngineCost::multipliers).thenComparingInt(c -> parallelism(c.folding()))
        .thenComparingLong(EngineCost::cycles).thenComparingInt(c -> outputLanes(c.folding()))
        .thenComparingLong(EngineCost::ddrBytesPerFrame)); // on chip before streamed, at equal cost
    List<EngineCost> channelSimd = all.stream().filter(c -> !spansWindow(e, c.folding())).toList();
    List<EngineCost> kept = new ArrayList<>();
    for (EngineCost c : all) {
      if ((kept.isEmpty() || options.allows(c.multipliers()))
          && !(spansWindow(e, c.folding()) && outdone(c, channelSimd))) {
        kept.add(c);
      }
    }
    return kept;
  }

  /**
   * Whether one of {@code channelSimd} is as fast as {@code c}, a folding with SIMD across the
   * window, with no more multipliers, memory bits or DDR reads: then {@code c} could only save some
   * logic (at most its adapter's), and would cost the folder time weighing it (SIMD 32 at PE 2 does
   * what SIMD 16 does at PE 4: 576 cycles a pixel on 64 MACs).
   */
  private static boolean outdone(EngineCost c, List<EngineCost> channelSimd) {
    long bits = memoryBits(c);
    for (EngineCost o : channelSimd) {
      if (o.cycles() <= c.cycles() && o.multipliers() <= c.multipliers()
          && o.ddrBytesPerFrame() <= c.ddrBytesPerFrame() && memoryBits(o) <= bits) {
        return true;
      }
    }
    return false;
  }

  private static boolean spansWindow(EngineSpec e, Folding f) {
    return e.kind() == EngineKind.CONV && f instanceof Folding.PeSimd p
        && ConvEngineConfig.windowSimd(e.inChannels(), e.kernelH(), e.kernelW(), e.groups(), p.simd(), p.mmv());
  }

  private static long memoryBits(EngineCost c) {
    return c.memories().stream().mapToLong(MemoryNeed::bits).sum();
  }

  /** Values handled per cycle: PE x SIMD x MMV, SIMD or lanes (1 for a wire). */
  static int parallelism(Folding f) {
    if (f instanceof Folding.PeSimd p) {
      return p.pe() * p.simd() * p.mmv();
    }
    return Math.max(1, outputLanes(f));
  }

  /** The width of the engine's output stream in channels. */
  static int outputLanes(Folding f) {
    if (f instanceof Folding.PeSimd p) {
      return p.pe();
    }
    if (f instanceof Folding.Simd s) {
      return s.simd();
    }
    if (f instanceof Folding.Lanes l) {
      return l.lanes();
    }
    return 0;
  }

  /** {@link #cost(EngineSpec, Folding, Vendor)} on an Intel board (as {@link #options(EngineSpec, PlanOptions)}). */
  public static EngineCost cost(EngineSpec e, Folding f) {
    return cost(e, f, Vendor.INTEL);
  }

  /**
   * The cost of one engine at one folding on a board of {@code vendor} (whose multiplier blocks
   * its requantizer products are tiled onto); throws IllegalArgumentException for an illegal folding.
   */
  public static EngineCost cost(EngineSpec e, Folding f, Vendor vendor) {
    // A streamed folding is legal where its on-chip twin is (the DDR port width is the board's).
    Folding onChip = f instanceof Folding.PeSimd p ? p.onChip() : f;
    if (!legalFoldings(e, true).contains(onChip)) {
      throw new IllegalArgumentException("engine " + e.node() + " (" + e.kind().label() + "): folding " + f.label()
          + " is not legal; legal: " + labels(legalFoldings(e, true)));
    }
    if (e.kind() == EngineKind.WIRE) {
      return new EngineCost(f, 0, 0, 0, 0, List.of(), 0, 0);
    }
    EngineConfig c = e.engine().at(f, MemoryStyles.costing());
    List<MemoryNeed> mem = new ArrayList<>();
    for (MemorySpec m : c.memories()) {
      mem.add(new MemoryNeed(m.name(), m.width(), m.depth()));
    }
    branchFifo(e, c).ifPresent(mem::add);
    long ddrBytes = c instanceof DdrWeightEngine sc ? sc.ddrBytesPerFrame() : 0;
    int requantizerUnits = c.requantProducts().stream().mapToInt(p -> p.units(vendor)).sum();
    return new EngineCost(f, c.cyclesPerFrame(), c.macMultipliers(), c.requantizers(), requantizerUnits, mem, c.luts(),
        ddrBytes);
  }

  /**
   * The branch FIFO in front of engine {@code e} built as {@code c} ({@link EngineSpec#skipFifoBytes}
   * int8 elements, {@link BranchFifos#words}), as wide as the engine's input stream plus tlast: the
   * board assembly builds it (emit/board/BoardTop), the plan counts it with the engine it feeds.
   */
  static Optional<MemoryNeed> branchFifo(EngineSpec e, EngineConfig c) {
    if (e.skipFifoBytes() == 0) {
      return Optional.empty();
    }
    int lanes = c.inputs().get(0).lanes();
    long depth = BranchFifos.words(e.skipFifoBytes(), lanes);
    if (depth > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("engine " + e.node() + ": a branch FIFO of depth " + depth + " is too deep");
    }
    return Optional.of(new MemoryNeed(BRANCH_FIFO, lanes * 8 + 1, (int) Math.max(1, depth)));
  }

  static String labels(List<Folding> fs) {
    List<String> l = new ArrayList<>();
    for (Folding f : fs) {
      l.add(f.label());
    }
    return String.join(", ", l);
  }
}
