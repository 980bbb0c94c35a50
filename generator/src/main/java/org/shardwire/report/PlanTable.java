package org.shardwire.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shardwire.boards.MemoryKind;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.Bound;
import org.shardwire.plan.EnginePlan;
import org.shardwire.plan.FoldLimit;
import org.shardwire.plan.LinkPlan;
import org.shardwire.plan.MemoryPlan;
import org.shardwire.plan.Plan;
import org.shardwire.plan.Strategy;

/** The plan as text tables for the terminal: one row per board (optionally per engine), then the totals. */
public final class PlanTable {
  private PlanTable() {}

  public static String boards(Plan p) {
    double fps = p.estFps();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"board", "layers", "cycles/frame", "bound by", "multipliers", "memory blocks", "logic",
        "link out"});
    for (BoardPlan b : p.boards()) {
      String link = "-";
      if (p.strategy() != Strategy.PIPELINE) {
        link = exchangesOut(p, b.index());
      } else {
        link = pipelineOut(p, b.index(), fps);
      }
      rows.add(new String[] {"#" + b.index() + " " + b.board(),
          b.layerRange() + " (" + b.engines().size() + ")", group(b.cyclesPerFrame()),
          b.limit() == null ? "-" : b.limit().describe(b), group(b.multipliers()) + " / " + group(b.multipliersAvailable()), memory(b),
          // The unit is the board's (LUTs on Xilinx, ALMs on Intel), so it is named in every cell.
          group(b.lutsEstimate()) + " / " + group(b.logicAvailable()) + " " + b.logicUnit(),
          link});
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "plan %s over %s (%s), clock %.3f MHz%n", p.model(), p.boardsSpec(),
        p.strategy().label(), p.clockMhz()));
    if (p.strategy() != Strategy.PIPELINE) {
      s.append(structure(p));
    }
    s.append(columns(rows, new boolean[] {false, false, true, false, true, false, true, false}));
    if (p.strategy() != Strategy.PIPELINE) {
      s.append(exchanges(p));
    }
    s.append(ddr(p));
    s.append(String.format(Locale.ROOT, "pipeline II %s cycles/frame (%s): est %.3f frames/s%n",
        group(p.cyclesPerFrame()), bottleneck(p), fps));
    s.append(String.format(Locale.ROOT, "multiplier efficiency %.4f (%s MACs/frame, %s multipliers in use); "
        + "MAC slots busy %.4f%n", p.multiplierEfficiency(), group(p.macsPerFrame()), group(p.multipliers()),
        p.macSlotEfficiency()));
    s.append(bound(p, "MAC bound: no folding of this structure", p.macBound()));
    s.append(bound(p, "fold bound: no choice among the foldings on offer", p.foldBound()));
    return s.toString();
  }

  /** The line of a plan's bound: {@code claim} goes below it; empty when the bound is not known. */
  private static String bound(Plan p, String claim, Bound b) {
    if (b == null) {
      return "";
    }
    return String.format(Locale.ROOT, "%s goes below %s cycles/frame (%.3f frames/s; this plan reaches %.4f of it), "
        + "set by %s%n", claim, group(b.cycles()), p.framesPerSecond(b.cycles()), (double) b.cycles()
        / p.cyclesPerFrame(), b.where());
  }

  /**
   * One line per board whose weights stream from DDR: which layers, the bytes a frame and the
   * bandwidth that takes at the planned frame rate against what its bank delivers (nothing when no
   * board streams).
   */
  private static String ddr(Plan p) {
    StringBuilder s = new StringBuilder();
    double fps = p.estFps();
    for (BoardPlan b : p.boards()) {
      if (b.ddrBytesPerFrame() == 0) {
        continue;
      }
      List<String> layers = new ArrayList<>();
      for (EnginePlan e : b.engines()) {
        if (e.ddrBytesPerFrame() > 0) {
          layers.add(e.node());
        }
      }
      double need = b.ddrBytesPerFrame() * fps / 1e9;
      double budget = b.ddrBytesPerCycle() * p.clockMhz() * 1e6 / 1e9;
      s.append(String.format(Locale.ROOT, "DDR weights #%d: %s B/frame, %.3f of %.3f GB/s (%.1f%%) for %s%n",
          b.index(), group(b.ddrBytesPerFrame()), need, budget, 100 * need / budget,
          layers.size() <= 4 ? String.join(", ", layers) : layers.size() + " layers (" + layers.get(0) + " .. "
              + layers.get(layers.size() - 1) + ")"));
    }
    return s.toString();
  }

  /** The plan's structure: its pipeline stages in order, and which boards split each by channel groups. */
  private static String structure(Plan p) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < p.stages().size(); i++) {
      org.shardwire.plan.Stage st = p.stages().get(i);
      int a = st.boards().get(0);
      int b = st.boards().get(st.size() - 1);
      parts.add("stage " + (i + 1) + " from " + st.firstLayer() + " on " + (a == b ? "#" + a
          : "#" + a + "-#" + b + " (" + st.size() + " channel groups)"));
    }
    return "structure: " + String.join(" -> ", parts) + "\n";
  }

  /**
   * A pipeline board's link out: bytes per frame, payload Gb/s against the lanes' capacity and the
   * cycles a frame takes; a cut inside a block sends two tensors over the same lanes, summed.
   */
  private static String pipelineOut(Plan p, int k, double fps) {
    List<LinkPlan> out = p.links().stream().filter(l -> l.from() == k).toList();
    if (out.isEmpty()) {
      return "-";
    }
    long bytes = out.stream().mapToLong(LinkPlan::bytesPerFrame).sum();
    double gbps = out.stream().mapToDouble(l -> l.neededGbps(fps)).sum();
    LinkPlan first = out.get(0);
    return String.format(Locale.ROOT, "%s B/frame%s, %.3f of %.2f Gb/s (%.1f%%), %s cycles/frame", group(bytes),
        out.size() > 1 ? " in " + out.size() + " tensors" : "", gbps, first.capacityGbps(),
        100 * gbps / first.capacityGbps(), group(first.cycles()));
  }

  /** Channel groups: what board {@code k} sends per frame, over how many streams. */
  private static String exchangesOut(Plan p, int k) {
    long bytes = 0;
    int streams = 0;
    for (LinkPlan l : p.links()) {
      if (l.from() == k) {
        bytes += l.bytesPerFrame();
        streams++;
      }
    }
    return streams == 0 ? "-" : group(bytes) + " B/frame in " + streams + " exchange stream(s)";
  }

  /** Channel groups: one row per exchanged stream (the synchronisation points). */
  private static String exchanges(Plan p) {
    double fps = p.estFps();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"exchange", "stream", "shape", "bytes/frame", "lanes", "pair cycles/frame", "pair use"});
    for (LinkPlan l : p.links()) {
      double pairGbps = 0;
      for (LinkPlan o : p.links()) {
        pairGbps += o.from() == l.from() && o.to() == l.to() ? o.neededGbps(fps) : 0;
      }
      rows.add(new String[] {"#" + l.from() + " -> #" + l.to(), l.tensor(), l.shape().toString(),
          group(l.bytesPerFrame()), String.valueOf(l.lanes()), group(l.cycles()),
          String.format(Locale.ROOT, "%.1f%% of %.2f Gb/s", 100 * pairGbps / l.capacityGbps(), l.capacityGbps())});
    }
    return columns(rows, new boolean[] {false, false, false, true, true, true, false});
  }

  /** One row per engine: board, layer, engine, folding, cycles, multipliers, memories. */
  public static String engines(Plan p) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"board", "layer", "engine", "folding", "cycles/frame", "multipliers", "memories"});
    for (BoardPlan b : p.boards()) {
      for (EnginePlan e : b.engines()) {
        List<String> mems = new ArrayList<>();
        for (MemoryPlan m : e.memories()) {
          mems.add(m.name() + " " + m.width() + "x" + m.depth() + " " + m.placement().name()
              + (m.placement().kind() == null ? " " + m.luts() : " " + blocks(m.blocks())));
        }
        rows.add(new String[] {"#" + b.index(), e.node(), e.engine().label(), e.folding().label(), group(e.cycles()),
            group(e.multipliers()), String.join(", ", mems)});
      }
    }
    return columns(rows, new boolean[] {false, false, false, false, true, true, false});
  }

  private static String bottleneck(Plan p) {
    long ii = p.cyclesPerFrame();
    // Several boards may share the II: name one that cannot go faster (its limit is not the pipeline).
    for (BoardPlan b : p.boards()) {
      if (b.cyclesPerFrame() == ii && b.limit() != null && b.limit().reason() != FoldLimit.Reason.PIPELINE) {
        return "board #" + b.index() + ", " + b.engines().get(b.limit().engine()).node();
      }
    }
    for (BoardPlan b : p.boards()) {
      if (b.cyclesPerFrame() == ii) {
        for (EnginePlan e : b.engines()) {
          if (e.cycles() == ii) {
            return "board #" + b.index() + ", " + e.node();
          }
        }
      }
    }
    for (LinkPlan l : p.links()) {
      if (l.cycles() == ii) {
        return "link #" + l.from() + " -> #" + l.to();
      }
    }
    return "?";
  }

  private static String memory(BoardPlan b) {
    List<String> parts = new ArrayList<>();
    Map<MemoryKind, Double> used = b.memBlocks();
    for (Map.Entry<MemoryKind, Integer> e : b.memBlocksAvailable().entrySet()) {
      parts.add(e.getKey().name() + " " + blocks(used.getOrDefault(e.getKey(), 0.0)) + " / " + group(e.getValue()));
    }
    return String.join(", ", parts);
  }

  private static String blocks(double v) {
    return v == Math.rint(v) ? group((long) v) : String.format(Locale.ROOT, "%,.1f", v);
  }

  private static String group(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  private static String columns(List<String[]> rows, boolean[] right) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        String cell = r[i];
        String pad = " ".repeat(width[i] - cell.length());
        line.append(right[i] ? pad + cell : cell + pad).append(i + 1 < cols ? "  " : "");
      }
      s.append(line.toString().stripTrailing()).append('\n');
    }
    return s.toString();
  }
}
