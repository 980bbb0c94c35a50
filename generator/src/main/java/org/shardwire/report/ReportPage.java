package org.shardwire.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;
import org.shardwire.boards.MemoryKind;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.Bound;
import org.shardwire.plan.EnginePlan;
import org.shardwire.plan.LinkPlan;
import org.shardwire.plan.MemoryPlan;
import org.shardwire.plan.Plan;
import org.shardwire.templates.TemplateRenderer;

/**
 * report.html of a generated cluster: the plan (boards, layers, foldings), a balance chart per
 * board (cycles per engine against the pipeline II), resources per board against the device,
 * link traffic, DDR traffic, and after {@code simulate} measured against estimated cycles per
 * board, latency and link counters. One self-contained file (inline CSS and SVG, no script, no
 * network), rendered from templates/report/report.html.vm.
 */
public final class ReportPage {
  public static final String FILE = "report.html";

  private ReportPage() {}

  /** The page's data, already formatted and HTML-escaped; charts are inline SVG. */
  public record View(String title, List<Fact> summary, List<BoardRow> boards, List<EngineTable> engines,
      List<Chart> balance, Chart resources, List<ResourceRow> resourceRows, List<LinkRow> links, Chart linkChart,
      String ddr, Simulation simulation) {}

  public record Fact(String name, String value) {}

  public record BoardRow(String board, String layers, String cycles, String multipliers, String memory, String luts) {}

  public record EngineTable(String board, List<EngineRow> rows) {}

  public record EngineRow(String layer, String op, String engine, String folding, String cycles, String multipliers,
      String memories, boolean bottleneck) {}

  public record Chart(String caption, String svg) {}

  public record ResourceRow(String board, String resource, String used, String available, String percent) {}

  public record LinkRow(String link, String tensor, String bytes, String lanes, String gbps, String utilisation,
      String cycles) {}

  /** Null in the view when the cluster was not simulated yet. */
  public record Simulation(List<Fact> summary, Chart perBoard, List<SimLinkRow> links) {}

  public record SimLinkRow(String link, String wordsSent, String estWordsSent, String payloadWords, String framesSent,
      String retransmitted, String wordsLost, String crcErrors) {}

  /** Writes DIR/report.html from DIR/plan.json and, when present, DIR/sim.json. */
  public static Path write(Path dir) {
    Plan plan = PlanFile.read(dir.resolve(PlanFile.FILE));
    Path simFile = dir.resolve(SimFile.FILE);
    SimFile sim = Files.exists(simFile) ? SimFile.read(simFile) : null;
    Path out = dir.resolve(FILE);
    TextFiles.write(out, html(plan, sim));
    return out;
  }

  public static String html(Plan plan, SimFile sim) {
    return new TemplateRenderer().render("report/report.html.vm", view(plan, sim));
  }

  static View view(Plan p, SimFile sim) {
    double fps = p.estFps();
    List<Fact> summary = new ArrayList<>(List.of(
        new Fact("model", esc(p.model())),
        new Fact("boards", esc(p.boardsSpec()) + " (" + esc(p.strategy().label()) + ")"),
        new Fact("clock", fmt("%.3f MHz", p.clockMhz())),
        new Fact("pipeline II", group(p.cyclesPerFrame()) + " cycles/frame"),
        new Fact("estimated throughput", fmt("%.3f frames/s", fps)),
        new Fact("multiplier efficiency", fmt("%.4f", p.multiplierEfficiency()) + " (" + group(p.macsPerFrame())
            + " MACs/frame, " + group(p.multipliers()) + " multipliers in use)")));
    addBound(summary, "MAC bound", p.macBound(), p);
    addBound(summary, "fold bound", p.foldBound(), p);
    List<BoardRow> boards = new ArrayList<>();
    List<EngineTable> engines = new ArrayList<>();
    List<Chart> balance = new ArrayList<>();
    for (BoardPlan b : p.boards()) {
      boards.add(new BoardRow("#" + b.index() + " " + esc(b.board()), esc(b.layerRange()) + " (" + b.engines().size()
          + ")", group(b.cyclesPerFrame()), group(b.multipliers()) + " / " + group(b.multipliersAvailable()) + " "
          + esc(b.multiplierUnit()), memory(b), group(b.lutsEstimate()) + " / " + group(b.logicAvailable()) + " "
          + esc(b.logicUnit())));
      List<EngineRow> rows = new ArrayList<>();
      for (EnginePlan e : b.engines()) {
        rows.add(new EngineRow(esc(e.node()), esc(e.op()), esc(e.engine().label()), esc(e.folding().label()),
            group(e.cycles()), group(e.multipliers()), esc(memories(e)), e.cycles() == p.cyclesPerFrame()));
      }
      engines.add(new EngineTable("#" + b.index() + " " + esc(b.board()), rows));
      balance.add(balanceChart(p, b));
    }
    return new View("Shardwire: " + esc(p.model()) + " on " + esc(p.boardsSpec()), summary, boards, engines, balance,
        resourceChart(p), resourceRows(p), linkRows(p, fps), linkChart(p, fps), ddr(p), simulation(p, sim));
  }

  private static Chart balanceChart(Plan p, BoardPlan b) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (EnginePlan e : b.engines()) {
      d.addValue(e.cycles(), "cycles/frame", e.node());
    }
    JFreeChart c = SvgCharts.bars("Board #" + b.index() + " (" + b.board() + "): cycles per engine", "engine",
        "cycles per frame", d, true);
    SvgCharts.limit(c, p.cyclesPerFrame(), "pipeline II " + p.cyclesPerFrame());
    int height = 120 + 16 * b.engines().size();
    return new Chart("Board #" + b.index() + ": every engine's cycles per frame against the pipeline II (the red "
        + "line); an engine at the line is the bottleneck, one far below it has parallelism to spare.",
        SvgCharts.svg(c, "balance" + b.index(), 860, height));
  }

  private static Chart resourceChart(Plan p) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (BoardPlan b : p.boards()) {
      String board = "#" + b.index() + " " + b.board();
      d.addValue(100.0 * b.multipliers() / b.multipliersAvailable(), b.multiplierUnit(), board);
      for (Map.Entry<MemoryKind, Integer> m : b.memBlocksAvailable().entrySet()) {
        double used = b.memBlocks().getOrDefault(m.getKey(), 0.0);
        d.addValue(m.getValue() == 0 ? 0 : 100.0 * used / m.getValue(), m.getKey().name(), board);
      }
      d.addValue(100.0 * b.lutsEstimate() / b.logicAvailable(), b.logicUnit(), board);
    }
    JFreeChart c = SvgCharts.bars("Resources per board (% of the device)", "board", "% of the device", d, false);
    SvgCharts.limit(c, 100, "device");
    return new Chart("Each board's multipliers, memory blocks and logic as a share of what its device has.",
        SvgCharts.svg(c, "resources", 860, 360));
  }

  private static List<ResourceRow> resourceRows(Plan p) {
    List<ResourceRow> rows = new ArrayList<>();
    for (BoardPlan b : p.boards()) {
      String board = "#" + b.index() + " " + esc(b.board());
      rows.add(new ResourceRow(board, esc(b.multiplierUnit()), group(b.multipliers()), group(b.multipliersAvailable()),
          pct(b.multipliers(), b.multipliersAvailable())));
      for (Map.Entry<MemoryKind, Integer> m : b.memBlocksAvailable().entrySet()) {
        double used = b.memBlocks().getOrDefault(m.getKey(), 0.0);
        rows.add(new ResourceRow(board, m.getKey().name(), fmt("%.1f", used), group(m.getValue()),
            pct(used, m.getValue())));
      }
      rows.add(new ResourceRow(board, esc(b.logicUnit()), group(b.lutsEstimate()), group(b.logicAvailable()),
          pct(b.lutsEstimate(), b.logicAvailable())));
    }
    return rows;
  }

  private static List<LinkRow> linkRows(Plan p, double fps) {
    List<LinkRow> rows = new ArrayList<>();
    for (LinkPlan l : p.links()) {
      rows.add(new LinkRow("#" + l.from() + " &rarr; #" + l.to(), esc(l.tensor()) + " " + l.shape().h() + "x"
          + l.shape().w() + "x" + l.shape().c(), group(l.bytesPerFrame()), String.valueOf(l.lanes()),
          fmt("%.3f of %.2f", l.neededGbps(fps), l.capacityGbps()), fmt("%.1f%%", 100 * l.utilisation(fps)),
          group(l.cycles())));
    }
    return rows;
  }

  private static Chart linkChart(Plan p, double fps) {
    if (p.links().isEmpty()) {
      return null;
    }
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (LinkPlan l : p.links()) {
      d.addValue(100 * l.utilisation(fps), "lane load at the estimated fps", "#" + l.from() + " -> #" + l.to());
    }
    JFreeChart c = SvgCharts.bars("Link load (% of the lanes' payload capacity)", "link", "%", d, false);
    SvgCharts.limit(c, 100, "capacity");
    return new Chart("Payload each link must carry at the estimated frame rate, against what its lanes carry.",
        SvgCharts.svg(c, "links", 860, 300));
  }

  /** What the plan says about DDR: today every weight is placed on chip (the planner has no DDR placement). */
  private static String ddr(Plan p) {
    long engines = p.boards().stream().mapToLong(b -> b.engines().size()).sum();
    long memories = p.boards().stream().flatMap(b -> b.engines().stream()).mapToLong(e -> e.memories().size()).sum();
    return "No DDR traffic: every weight of the " + engines + " engines (" + memories + " memories) is placed on chip "
        + "in block RAM or LUT RAM, so no board reads DDR per frame.";
  }

  private static Simulation simulation(Plan p, SimFile s) {
    if (s == null) {
      return null;
    }
    List<Fact> summary = new ArrayList<>();
    summary.add(new Fact("result", s.bitExact() ? "bit-exact: every score and cut tensor matches the golden model"
        : "NOT bit-exact: " + s.mismatches() + " mismatches" + (s.timedOut() ? ", timed out" : "")));
    summary.add(new Fact("frames", String.valueOf(s.frames())));
    summary.add(new Fact("cycles per frame", (s.cyclesPerFrame() == null ? "n/a (needs 2+ frames)"
        : s.cyclesPerFrame().toPlainString()) + " measured, " + group(s.estCyclesPerFrame()) + " estimated"
        + (s.measuredVsEst() == null ? "" : " (ratio " + s.measuredVsEst().toPlainString() + ")")));
    summary.add(new Fact("latency", group(s.latencyCycles()) + " cycles (first image word to last score word)"));
    summary.add(new Fact("channel", s.channel().latencyCycles() + " cycles lane latency, bit error rate "
        + s.channel().bitErrorRate().stripTrailingZeros().toPlainString()));
    for (String m : s.firstMismatches()) {
      summary.add(new Fact("mismatch", esc(m)));
    }
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (SimFile.Board b : s.boards()) {
      String board = "#" + b.index() + " " + b.board();
      d.addValue(b.estCyclesPerFrame(), "estimated", board);
      d.addValue(b.cyclesPerFrame() == null ? null : b.cyclesPerFrame(), "measured", board);
    }
    JFreeChart c = SvgCharts.bars("Cycles per frame per board: estimated and measured", "board", "cycles per frame",
        d, false);
    SvgCharts.limit(c, p.cyclesPerFrame(), "pipeline II (est.) " + p.cyclesPerFrame());
    Chart chart = new Chart("A board's measured cycles per frame is the spacing of its output frames: a board "
        + "faster than the bottleneck waits for it, so it measures the pipeline II.", SvgCharts.svg(c, "sim", 860, 320));
    List<SimLinkRow> links = new ArrayList<>();
    for (SimFile.Link l : s.links()) {
      links.add(new SimLinkRow("#" + l.from() + " &rarr; #" + l.to(), num(l.wordsSent()), num(l.estWordsSent()),
          num(l.payloadWordsSent()),
          num(l.framesSent()), num(l.framesRetransmitted()), num(l.wordsLost()), num(l.crcErrors())));
    }
    return new Simulation(summary, chart, links);
  }

  private static String memory(BoardPlan b) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<MemoryKind, Integer> m : b.memBlocksAvailable().entrySet()) {
      parts.add(m.getKey().name() + " " + fmt("%.1f", b.memBlocks().getOrDefault(m.getKey(), 0.0)) + " / "
          + group(m.getValue()));
    }
    return String.join(", ", parts);
  }

  private static String memories(EnginePlan e) {
    List<String> mems = new ArrayList<>();
    for (MemoryPlan m : e.memories()) {
      mems.add(m.name() + " " + m.width() + "x" + m.depth() + " " + m.placement().name()
          + (m.placement().kind() == null ? " (" + m.luts() + " LUTs)" : " " + fmt("%.1f", m.blocks())));
    }
    return String.join(", ", mems);
  }

  private static String num(Long v) {
    return v == null ? "n/a" : group(v);
  }

  private static String pct(double used, double available) {
    return available <= 0 ? "-" : fmt("%.1f%%", 100 * used / available);
  }

  private static String group(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  private static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }

  /** HTML text: the five characters that could open markup, escaped. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A plan's bound as a summary fact, when known. */
  private static void addBound(List<Fact> summary, String label, Bound b, Plan p) {
    if (b != null) {
      summary.add(new Fact(label, group(b.cycles()) + " cycles/frame, " + fmt("%.3f frames/s",
          p.framesPerSecond(b.cycles())) + ": " + esc(b.where())));
    }
  }
}
