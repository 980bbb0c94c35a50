package org.shardwire.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The sweep's SVG plots, drawn from sweep.csv's rows: frames/s against boards, multiplier
 * efficiency against boards, the fullest board's share of each resource against boards, and
 * (when points were simulated) estimated against measured cycles per frame. A series is one
 * model at one clock, strategy and cap; points that do not fit are left out.
 */
public final class SweepPlots {
  public static final String FPS = "fps-vs-boards.svg";
  public static final String EFFICIENCY = "multiplier-efficiency.svg";
  public static final String RESOURCES = "resources-per-board.svg";
  public static final String ESTIMATE = "estimate-vs-measured.svg";

  private SweepPlots() {}

  /** Writes the plots into {@code dir}; returns the files written. */
  public static List<Path> write(String name, List<SweepRow> rows, Path dir) {
    List<SweepRow> ok = rows.stream().filter(r -> r.status().equals(SweepRow.OK)).toList();
    List<Path> out = new ArrayList<>();
    out.add(plot(dir.resolve(FPS), SvgCharts.lines(name + ": estimated frames/s", "boards", "frames/s",
        series(ok, "", r -> r.estFps().doubleValue()))));
    out.add(plot(dir.resolve(EFFICIENCY), SvgCharts.lines(name + ": multiplier efficiency", "boards",
        "useful MACs per multiplier per cycle", series(ok, "", r -> r.estMultiplierEfficiency().doubleValue()))));
    XYSeriesCollection res = new XYSeriesCollection();
    for (XYSeries s : list(series(ok, " multipliers", r -> 100 * r.maxBoardMultiplierShare().doubleValue()))) {
      res.addSeries(s);
    }
    for (XYSeries s : list(series(ok, " memory", r -> 100 * r.maxBoardMemoryShare().doubleValue()))) {
      res.addSeries(s);
    }
    for (XYSeries s : list(series(ok, " logic", r -> 100 * r.maxBoardLogicShare().doubleValue()))) {
      res.addSeries(s);
    }
    JFreeChart resources = SvgCharts.lines(name + ": fullest board's share of its device", "boards", "% of the device",
        res);
    SvgCharts.limit(resources, 100, "device");
    out.add(plot(dir.resolve(RESOURCES), resources));
    List<SweepRow> simulated = ok.stream().filter(r -> r.measuredCyclesPerFrame() != null).toList();
    if (!simulated.isEmpty()) {
      XYSeries points = new XYSeries("simulated points", false, true);
      XYSeries same = new XYSeries("measured = estimated", false, true);
      double max = 0;
      for (SweepRow r : simulated) {
        points.add(r.estCyclesPerFrame().doubleValue(), r.measuredCyclesPerFrame().doubleValue());
        max = Math.max(max, Math.max(r.estCyclesPerFrame(), r.measuredCyclesPerFrame().doubleValue()));
      }
      same.add(0, 0);
      same.add(max * 1.05, max * 1.05);
      XYSeriesCollection d = new XYSeriesCollection();
      d.addSeries(points);
      d.addSeries(same);
      out.add(plot(dir.resolve(ESTIMATE), SvgCharts.points(name + ": cycles per frame, estimated vs measured in "
          + "Verilator", "estimated cycles/frame", "measured cycles/frame", d)));
    }
    return out;
  }

  private static List<XYSeries> list(XYSeriesCollection c) {
    List<XYSeries> l = new ArrayList<>();
    for (int i = 0; i < c.getSeriesCount(); i++) {
      l.add(c.getSeries(i));
    }
    return l;
  }

  /** One series per model/clock/strategy/cap, x = board count. */
  private static XYSeriesCollection series(List<SweepRow> rows, String suffix, Function<SweepRow, Double> y) {
    Map<String, XYSeries> byKey = new LinkedHashMap<>();
    for (SweepRow r : rows) {
      String key = r.model() + " " + r.boardsSpec().replaceAll(":\\d+", "") + " " + r.clockMhz().stripTrailingZeros()
          .toPlainString() + " MHz" + (r.maxMultipliersPerEngine() > 0 ? " cap " + r.maxMultipliersPerEngine() : "")
          + suffix;
      byKey.computeIfAbsent(key, k -> new XYSeries(k, true, true)).addOrUpdate((double) r.boardCount(),
          y.apply(r).doubleValue());
    }
    XYSeriesCollection c = new XYSeriesCollection();
    byKey.values().forEach(c::addSeries);
    return c;
  }

  private static Path plot(Path file, JFreeChart chart) {
    String name = file.getFileName().toString().replace(".svg", "");
    TextFiles.write(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + SvgCharts.svg(chart, name, 900, 520)
        + "\n");
    return file;
  }
}
