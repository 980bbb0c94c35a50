package org.shardwire.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * Charts for the HTML report and the sweep plots: JFreeChart builds them, JFreeSVG draws them as
 * SVG text (inline in report.html, or .svg files). Every chart gets its own id prefix, so several
 * can share one page without their clip paths colliding, and the same input gives the same bytes.
 */
public final class SvgCharts {
  private static final Color LIMIT = new Color(0xC0392B);

  static {
    // Charts are drawn off screen; no display is needed or wanted.
    System.setProperty("java.awt.headless", "true");
    ChartFactory.setChartTheme(theme());
  }

  private SvgCharts() {}

  private static StandardChartTheme theme() {
    StandardChartTheme t = new StandardChartTheme("shardwire");
    t.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    t.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    t.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    t.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    t.setPlotBackgroundPaint(Color.WHITE);
    t.setChartBackgroundPaint(Color.WHITE);
    t.setDomainGridlinePaint(new Color(0xDDDDDD));
    t.setRangeGridlinePaint(new Color(0xDDDDDD));
    t.setBarPainter(new StandardBarPainter());
    t.setShadowVisible(false);
    return t;
  }

  /** Bars per category (one colour per series), horizontal when there are many categories. */
  public static JFreeChart bars(String title, String categoryLabel, String valueLabel, CategoryDataset data,
      boolean horizontal) {
    JFreeChart c = ChartFactory.createBarChart(title, categoryLabel, valueLabel, data,
        horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, data.getRowCount() > 1, false, false);
    BarRenderer r = (BarRenderer) c.getCategoryPlot().getRenderer();
    r.setItemMargin(0.05);
    r.setMaximumBarWidth(0.12);
    return c;
  }

  /** Lines with points, one per series (sweep plots). */
  public static JFreeChart lines(String title, String xLabel, String yLabel, XYDataset data) {
    JFreeChart c = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
        data.getSeriesCount() > 1, false, false);
    XYPlot plot = c.getXYPlot();
    var r = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
    plot.setRenderer(r);
    // x is a count (boards): whole-number ticks only.
    plot.getDomainAxis().setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
    return c;
  }

  /** Scatter points (estimate against measurement). */
  public static JFreeChart points(String title, String xLabel, String yLabel, XYDataset data) {
    JFreeChart c = ChartFactory.createScatterPlot(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
        data.getSeriesCount() > 1, false, false);
    return c;
  }

  /** A labelled line across a bar chart's value axis (the pipeline II, a device's 100%). */
  public static void limit(JFreeChart chart, double value, String label) {
    ValueMarker m = new ValueMarker(value, LIMIT, new BasicStroke(2f));
    m.setLabel(label);
    m.setLabelPaint(LIMIT);
    m.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
    // Label inside the plot, left of where the line ends, so it is never clipped at the edge.
    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    if (chart.getPlot() instanceof CategoryPlot p) {
      p.addRangeMarker(m);
      include(p.getRangeAxis(), DatasetUtils.findRangeBounds(p.getDataset()), value);
    } else if (chart.getPlot() instanceof XYPlot p) {
      p.addRangeMarker(m);
      include(p.getRangeAxis(), DatasetUtils.findRangeBounds(p.getDataset()), value);
    }
  }

  /** Markers do not widen an axis by themselves: make room for the limit and the data. */
  private static void include(ValueAxis axis, Range data, double value) {
    double top = Math.max(value, data == null ? value : data.getUpperBound());
    double bottom = Math.min(0, data == null ? 0 : data.getLowerBound());
    axis.setRange(bottom, top * 1.08);
  }

  /** The chart as an {@code <svg>} element, {@code width} x {@code height} user units. */
  public static String svg(JFreeChart chart, String id, int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(id + "-");
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    return g.getSVGElement(id);
  }
}
