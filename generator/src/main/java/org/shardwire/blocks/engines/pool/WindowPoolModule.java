package org.shardwire.blocks.engines.pool;

import java.util.function.IntUnaryOperator;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.blocks.engines.window.SlidingWindow;
import org.shardwire.blocks.engines.window.SlidingWindowConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Switch;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;
import org.shardwire.model.Shape;

/**
 * A pooling engine's common half: the input feeds a {@link SlidingWindow} whose words arrive as,
 * per output pixel and channel group, the kh * kw kernel positions in order; counters follow that
 * order so the subclass knows the first and last kernel position of each group and, through small
 * per-row and per-column tables, which kernel rows and columns are real input.
 */
abstract class WindowPoolModule extends EngineModule {
  protected final Axis window;
  protected final Bool firstPosition;
  protected final Bool lastPosition;
  protected final UInt kernelY;
  protected final UInt kernelX;
  protected final UInt outY;
  protected final UInt outX;
  private final Shape input;
  private final WindowGeometry geometry;

  protected WindowPoolModule(String moduleName, SlidingWindowConfig w) {
    super(moduleName);
    input = w.input();
    geometry = w.geometry();
    Axis in = axisIn("s_axis", w.inputStream().axisShape());
    SlidingWindow sliding = child("window", new SlidingWindow(w));
    in.connectTo(sliding.input());
    window = sliding.output();

    int kh = geometry.kernelH();
    int kw = geometry.kernelW();
    int groups = w.groups();
    int oh = w.outputH();
    int ow = w.outputW();
    kernelX = counter("kernel_x", kw);
    kernelY = counter("kernel_y", kh);
    UInt group = counter("group", groups);
    outX = counter("out_x", ow);
    outY = counter("out_y", oh);
    Bool lastX = wire("last_kernel_x", isLast(kernelX, kw));
    lastPosition = wire("last_position", lastX.and(isLast(kernelY, kh)));
    Bool lastGroup = wire("last_group", lastPosition.and(isLast(group, groups)));
    Bool lastOutX = wire("last_out_x", lastGroup.and(isLast(outX, ow)));
    firstPosition = wire("first_position", kernelX.eq(0).and(kernelY.eq(0)));
    when(window.fire(), () -> {
      step(kernelX, kw);
      when(lastX, () -> step(kernelY, kh));
      when(lastPosition, () -> step(group, groups));
      when(lastGroup, () -> step(outX, ow));
      when(lastOutX, () -> step(outY, oh));
    });
  }

  protected Shape input() {
    return input;
  }

  protected WindowGeometry geometry() {
    return geometry;
  }

  /**
   * High on a window word at a padding position. Padding lies only in the border rows and
   * columns, so the real kernel range comes from tables indexed by the output row and column
   * that are the full kernel everywhere else. Null when the geometry has no padding.
   */
  protected final Bool paddedPosition() {
    int kh = geometry.kernelH();
    int kw = geometry.kernelW();
    int rowBits = kernelY.width();
    int columnBits = kernelX.width();
    int oh = geometry.outputH(input.h());
    int ow = geometry.outputW(input.w());
    UInt firstRow = borderTable("first_real_row", outY, oh, oy -> PoolWindows.firstRow(input, geometry, oy), 0,
        rowBits);
    UInt lastRow = borderTable("last_real_row", outY, oh, oy -> PoolWindows.lastRow(input, geometry, oy), kh - 1,
        rowBits);
    UInt firstColumn = borderTable("first_real_column", outX, ow,
        ox -> PoolWindows.firstColumn(input, geometry, ox), 0, columnBits);
    UInt lastColumn = borderTable("last_real_column", outX, ow,
        ox -> PoolWindows.lastColumn(input, geometry, ox), kw - 1, columnBits);
    Bool padded = null;
    if (firstRow != null) {
      padded = or(padded, kernelY.lt(firstRow));
    }
    if (lastRow != null) {
      padded = or(padded, kernelY.gt(lastRow));
    }
    if (firstColumn != null) {
      padded = or(padded, kernelX.lt(firstColumn));
    }
    if (lastColumn != null) {
      padded = or(padded, kernelX.gt(lastColumn));
    }
    return padded == null ? null : wire("padded", padded);
  }

  /** Real input pixels in the current window (rows x columns), or null when every window is whole. */
  protected final UInt realPixels() {
    int kh = geometry.kernelH();
    int kw = geometry.kernelW();
    int oh = geometry.outputH(input.h());
    int ow = geometry.outputW(input.w());
    UInt rows = borderTable("real_rows", outY, oh,
        oy -> PoolWindows.lastRow(input, geometry, oy) - PoolWindows.firstRow(input, geometry, oy) + 1, kh,
        bitsFor(kh));
    UInt columns = borderTable("real_columns", outX, ow,
        ox -> PoolWindows.lastColumn(input, geometry, ox) - PoolWindows.firstColumn(input, geometry, ox) + 1, kw,
        bitsFor(kw));
    if (rows == null && columns == null) {
      return null;
    }
    UInt r = rows == null ? u(kh, bitsFor(kh)) : rows;
    UInt c = columns == null ? u(kw, bitsFor(kw)) : columns;
    return wire("real_pixels", r.times(c));
  }

  /**
   * {@code value(index)} as a signal: {@code common} except at the listed border indices. Null
   * when it is {@code common} at every index (nothing to build).
   */
  private UInt borderTable(String name, UInt index, int count, IntUnaryOperator value, int common, int width) {
    boolean any = false;
    for (int i = 0; i < count; i++) {
      any |= value.applyAsInt(i) != common;
    }
    if (!any) {
      return null;
    }
    if (count == 1) {
      return u(value.applyAsInt(0), width);
    }
    UInt table = wire(name, Type.uint(width));
    table.assign(common);
    Switch at = switchOn(index);
    for (int i = 0; i < count; i++) {
      int v = value.applyAsInt(i);
      if (v != common) {
        at.is(i, () -> table.assign(v));
      }
    }
    at.end();
    return table;
  }

  private static Bool or(Bool a, Bool b) {
    return a == null ? b : a.or(b);
  }
}
