package org.shardwire.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.shardwire.blocks.engines.conv.ConvEngineConfig;
import org.shardwire.blocks.memory.WeightBufferConfig;
import org.shardwire.model.Shape;

/**
 * Cycles and resources of an engine at a folding: the formulas of docs/engines.md.
 *
 * <p>II (cycles per frame, never starved or stalled):
 * <ul>
 *   <li>conv / FC (MVAU): OH * OW * (Cout/PE) * (Kh * Kw * (Cin/g) / SIMD); FC is a conv whose
 *       kernel is the whole input (OH = OW = 1)</li>
 *   <li>depthwise: OH * OW * (C/SIMD) * Kh * Kw</li>
 *   <li>max/avg pool: OH * OW * (C/lanes) * Kh * Kw</li>
 *   <li>global avg pool, add, shuffle, clamp: H * W * C / lanes; concat: H * W * (sum Ci) / lanes</li>
 * </ul>
 * and, beyond the table, never less than the words of any input or output stream: a stream moves
 * at most one word per cycle, so a 1x1 stride-2 conv with few output folds is bound by reading
 * its input (H * W * Cin / SIMD), not by its MACs.
 *
 * <p>Multipliers: PE * SIMD int8 MACs (depthwise: SIMD) at one unit each, plus requantizers at
 * four units each: PE (conv), SIMD (depthwise), lanes (avg pool, global avg pool, concat),
 * 2 * lanes (add).
 *
 * <p>Memories: conv weights PE*SIMD*8 bits wide x (Cout/PE)*Kh*Kw*(Cin/g)/SIMD deep; line buffer
 * Kh rows x W x Cin bytes (SIMD bytes wide) for windowed engines, one input pixel for 1x1 convs,
 * the whole input for FC; a parameter ROM of 72 bits (bias 32, M 32, shift 8) per output channel,
 * PE channels wide; pools keep Kh rows; global pool keeps C int32 sums; shuffle double-buffers one
 * pixel; an engine behind a fork holds the branch FIFO {@link BranchFifos} derives.
 *
 * <p>Logic (LUTs, an estimate): {@value #CONTROL_LUTS} per engine for handshakes and counters,
 * {@value #WINDOW_LUTS} more for a sliding window, {@value #LUTS_PER_MAC} per int8 MAC (operand
 * registers and the share of the SIMD adder tree outside the DSPs), {@value #LUTS_PER_REQUANTIZER}
 * per requantizer (rounding, shift, clamp), a wire none.
 */
public final class CostModel {
  public static final int CONTROL_LUTS = 120;
  public static final int WINDOW_LUTS = 100;
  public static final int LUTS_PER_MAC = 10;
  public static final int LUTS_PER_REQUANTIZER = 80;
  /** Bits per output channel in a conv's parameter ROM: bias (32), M (32), shift (8). */
  public static final int PARAM_BITS = 72;

  private CostModel() {}

  /** Every legal folding of an engine (docs/engines.md divisibility rules). */
  public static List<Folding> legalFoldings(EngineSpec e) {
    List<Folding> out = new ArrayList<>();
    switch (e.kind()) {
      case CONV: {
        int coutPerGroup = e.outChannels() / e.groups();
        int cinPerGroup = e.inChannels() / e.groups();
        for (int pe = 1; pe <= Math.min(coutPerGroup, Folding.MAX_PE); pe++) {
          if (coutPerGroup % pe != 0) {
            continue;
          }
          for (int simd : Folding.STREAM_LANES) {
            // Only foldings that can be built: a weight buffer no deeper than the block takes (wide
            // weight words and parameter ROMs are banked, docs/engines.md "Wide words: banks").
            if (cinPerGroup % simd == 0 && WeightBufferConfig.fitsDepth(
                ConvEngineConfig.weightWords(e.outChannels(), e.kernelH() * e.kernelW(), cinPerGroup, pe, simd))) {
              out.add(new Folding.PeSimd(pe, simd));
            }
          }
        }
        break;
      }
      case DEPTHWISE:
        for (int simd : Folding.STREAM_LANES) {
          if (e.inChannels() % simd == 0) {
            out.add(new Folding.Simd(simd));
          }
        }
        break;
      case WIRE:
        out.add(new Folding.Unfolded());
        break;
      default:
        for (int lanes : Folding.STREAM_LANES) {
          boolean divides = e.output().c() % lanes == 0;
          for (Shape in : e.inputs()) {
            divides &= in.c() % lanes == 0;
          }
          if (divides) {
            out.add(new Folding.Lanes(lanes));
          }
        }
    }
    return out;
  }

  /**
   * Every legal folding with its cost, cheapest first (fewest multipliers, then least parallel,
   * then fewest cycles, then the narrower output stream), keeping only those within the cap of
   * {@code options}; the cheapest legal one is always kept so every engine can be built.
   */
  public static List<EngineCost> options(EngineSpec e, PlanOptions options) {
    List<EngineCost> all = new ArrayList<>();
    for (Folding f : legalFoldings(e)) {
      all.add(cost(e, f));
    }
    if (all.isEmpty()) {
      throw new PlanException("layer " + e.node() + " (" + e.kind().label() + "): no folding can be built (a weight "
          + "buffer holds at most " + WeightBufferConfig.MAX_DEPTH + " words at PE <= " + Folding.MAX_PE
          + ", SIMD <= 16)");
    }
    all.sort(Comparator.comparingInt(EngineCost::multipliers).thenComparingInt(c -> parallelism(c.folding()))
        .thenComparingLong(EngineCost::cycles).thenComparingInt(c -> outputLanes(c.folding())));
    List<EngineCost> kept = new ArrayList<>();
    for (EngineCost c : all) {
      if (kept.isEmpty() || options.allows(c.multipliers())) {
        kept.add(c);
      }
    }
    return kept;
  }

  /** Values handled per cycle: PE x SIMD, SIMD or lanes (1 for a wire). */
  static int parallelism(Folding f) {
    if (f instanceof Folding.PeSimd p) {
      return p.pe() * p.simd();
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

  /** The cost of one engine at one folding; throws IllegalArgumentException for an illegal folding. */
  public static EngineCost cost(EngineSpec e, Folding f) {
    EngineCost c = engineCost(e, f);
    if (e.skipFifoBytes() == 0) {
      return c;
    }
    // The branch FIFO in front of the engine (BranchFifos): as wide as its input stream, plus tlast.
    int lanes = f instanceof Folding.PeSimd p ? p.simd() : Math.max(1, outputLanes(f));
    List<MemoryNeed> mem = new ArrayList<>(c.memories());
    mem.add(new MemoryNeed("branch_fifo", lanes * 8 + 1, toInt(e, BranchFifos.words(e.skipFifoBytes(), lanes))));
    return new EngineCost(c.folding(), c.cycles(), c.formulaCycles(), c.streamWords(), c.macMultipliers(),
        c.requantizers(), mem, c.luts());
  }

  private static EngineCost engineCost(EngineSpec e, Folding f) {
    if (!legalFoldings(e).contains(f)) {
      throw new IllegalArgumentException("engine " + e.node() + " (" + e.kind().label() + "): folding " + f.label()
          + " is not legal; legal: " + labels(legalFoldings(e)));
    }
    Shape in = e.input();
    Shape out = e.output();
    long pixelsOut = (long) out.h() * out.w();
    long inPixels = (long) in.h() * in.w();
    switch (e.kind()) {
      case CONV: {
        Folding.PeSimd p = (Folding.PeSimd) f;
        int cinPerGroup = e.inChannels() / e.groups();
        long beatsPerFold = (long) e.kernelH() * e.kernelW() * cinPerGroup / p.simd();
        long formula = pixelsOut * (e.outChannels() / p.pe()) * beatsPerFold;
        long words = Math.max(inPixels * e.inChannels() / p.simd(), pixelsOut * e.outChannels() / p.pe());
        List<MemoryNeed> mem = new ArrayList<>();
        mem.add(new MemoryNeed("weights", p.pe() * p.simd() * 8, toInt(e, (e.outChannels() / p.pe()) * beatsPerFold)));
        mem.add(new MemoryNeed("window", p.simd() * 8, toInt(e, windowWords(e, p.simd()))));
        mem.add(new MemoryNeed("params", p.pe() * PARAM_BITS, e.outChannels() / p.pe()));
        return new EngineCost(f, Math.max(formula, words), formula, words, p.pe() * p.simd(), p.pe(), mem,
            logic(e, p.pe() * p.simd(), p.pe()));
      }
      case DEPTHWISE: {
        int simd = ((Folding.Simd) f).simd();
        long formula = pixelsOut * (e.inChannels() / simd) * e.kernelH() * e.kernelW();
        long words = inPixels * e.inChannels() / simd;
        List<MemoryNeed> mem = List.of(
            new MemoryNeed("weights", simd * 8, (e.inChannels() / simd) * e.kernelH() * e.kernelW()),
            new MemoryNeed("window", simd * 8, toInt(e, windowWords(e, simd))),
            new MemoryNeed("params", simd * PARAM_BITS, e.inChannels() / simd));
        return new EngineCost(f, Math.max(formula, words), formula, words, simd, simd, mem, logic(e, simd, simd));
      }
      case MAX_POOL:
      case AVG_POOL: {
        int lanes = ((Folding.Lanes) f).lanes();
        long formula = pixelsOut * (e.inChannels() / lanes) * e.kernelH() * e.kernelW();
        long words = inPixels * e.inChannels() / lanes;
        boolean avg = e.kind() == EngineKind.AVG_POOL;
        List<MemoryNeed> mem = new ArrayList<>();
        mem.add(new MemoryNeed("window", lanes * 8, toInt(e, windowWords(e, lanes))));
        if (avg) {
          mem.add(new MemoryNeed("params", 2 * 32, e.kernelH() * e.kernelW())); // M and shift per divisor
        }
        int rq = avg ? lanes : 0;
        return new EngineCost(f, Math.max(formula, words), formula, words, 0, rq, mem, logic(e, 0, rq));
      }
      case GLOBAL_AVG_POOL: {
        int lanes = ((Folding.Lanes) f).lanes();
        long words = inPixels * e.inChannels() / lanes;
        List<MemoryNeed> mem = List.of(new MemoryNeed("sums", lanes * 32, e.inChannels() / lanes));
        return new EngineCost(f, words, words, words, 0, lanes, mem, logic(e, 0, lanes));
      }
      case ADD:
      case CONCAT: {
        int lanes = ((Folding.Lanes) f).lanes();
        long formula = pixelsOut * out.c() / lanes;
        long words = formula;
        for (Shape s : e.inputs()) {
          words = Math.max(words, (long) s.h() * s.w() * s.c() / lanes);
        }
        int rq = e.kind() == EngineKind.ADD ? 2 * lanes : lanes;
        return new EngineCost(f, Math.max(formula, words), formula, words, 0, rq, List.of(), logic(e, 0, rq));
      }
      case SHUFFLE:
      case CLAMP: {
        int lanes = ((Folding.Lanes) f).lanes();
        long words = inPixels * e.inChannels() / lanes;
        List<MemoryNeed> mem = e.kind() == EngineKind.SHUFFLE
            ? List.of(new MemoryNeed("pixel", lanes * 8, 2 * e.inChannels() / lanes)) : List.of();
        return new EngineCost(f, words, words, words, 0, 0, mem, logic(e, 0, 0));
      }
      case WIRE:
        return new EngineCost(f, 0, 0, 0, 0, 0, List.of(), 0);
      default:
        throw new IllegalStateException("no cost rule for " + e.kind());
    }
  }

  /** Words of a windowed engine's buffer: Kh rows x W x C (a 1x1 conv keeps one pixel). */
  private static long windowWords(EngineSpec e, int simd) {
    Shape in = e.input();
    if (!e.windowed()) {
      return in.c() / simd;
    }
    return (long) e.kernelH() * in.w() * in.c() / simd;
  }

  private static long logic(EngineSpec e, int macs, int requantizers) {
    return CONTROL_LUTS + (e.windowed() ? WINDOW_LUTS : 0) + (long) LUTS_PER_MAC * macs
        + (long) LUTS_PER_REQUANTIZER * requantizers;
  }

  private static int toInt(EngineSpec e, long depth) {
    if (depth > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("engine " + e.node() + ": a memory of depth " + depth + " is too deep");
    }
    return (int) Math.max(1, depth);
  }

  static String labels(List<Folding> fs) {
    List<String> l = new ArrayList<>();
    for (Folding f : fs) {
      l.add(f.label());
    }
    return String.join(", ", l);
  }
}
