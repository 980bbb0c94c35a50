package org.shardwire.blocks.engines.window;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Fifo;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.SInt;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * The line buffer of {@link SlidingWindowConfig}.
 *
 * <p>Writer: input words go to consecutive addresses of a circular buffer of
 * {@code bufferRows} input rows, across frames too (frame f row y is "virtual row" f*H + y).
 * Reader: a loop nest (output pixel, slice, replay, ky, kx, word) issues one RAM read per cycle.
 * The two meet through two registers only:
 * <ul>
 *   <li>{@code lead} = the writer's row minus the first real row the reader still needs (virtual
 *       rows). The writer may write while {@code lead < bufferRows}: it never overwrites a row the
 *       reader needs.</li>
 *   <li>a window may be read once its bottom-right real pixel is written: {@code lead} beyond the
 *       window's last row, or on it with the writer's column past the window's last column.</li>
 * </ul>
 * Reads go through the RAM's output register into a small FIFO; a credit counter issues a read
 * only when the FIFO will have room, so the consumer's tready never reaches the address logic.
 */
public final class SlidingWindow extends EngineModule {
  private final Axis input;
  private final Axis output;

  public SlidingWindow(SlidingWindowConfig c) {
    super(c.moduleName());
    input = axisIn("s_axis", c.inputStream().axisShape());
    output = axisOut("m_axis", c.outputStream().axisShape());
    ignoreLast(input, "s_axis");
    // A pointwise window buffers only the pixels it reads (SlidingWindowConfig.lineBuffer): the
    // loop nest below runs on that config, behind the decimating stage when strided.
    Axis in = c.decimates() ? decimate(c, input) : input;
    SlidingWindowConfig b = c.lineBuffer();

    WindowGeometry geo = b.geometry();
    int h = b.input().h();
    int w = b.input().w();
    int words = c.wordsPerPixel();
    int kh = geo.kernelH();
    int kw = geo.kernelW();
    int kxSteps = c.kernelColumnsPerRow(); // kw, or 1 when a word is a whole kernel row
    int copies = c.pixelsPerWord();
    int step = c.columnStep();
    int sh = geo.strideH();
    int sw = geo.strideW();
    int padTop = geo.padding().top();
    int padLeft = geo.padding().left();
    int oh = b.outputH();
    int mmv = b.mmv();
    int ow = b.outputGroupsW(); // pixel groups of mmv per output row
    int groups = c.groups();
    int slice = c.wordsPerSlice();
    int replays = c.replays();
    int rows = c.bufferRows();
    int rowWords = w * words;
    int depth = c.bufferDepth();

    // A copy of the buffer per pixel of a word (mmv output pixels or kw kernel columns): the same
    // writes, one read port each.
    List<Memory> buffers = new ArrayList<>();
    for (int m = 0; m < copies; m++) {
      buffers.add(mem(b.lineBufferName(m), c.wordBits(), depth).style(c.style()));
    }
    int aw = buffers.get(0).addressWidth();
    // One signed width for every row/column quantity: positions, spans, leads.
    int posBits = signedBitsFor((long) Math.max(h, w) + Math.max(kh, kw) + (long) Math.max(sh, sw) * mmv + rows + 2);

    // ---- writer ----
    SInt lead = regInit("lead", Type.sint(posBits), 0);
    UInt writeAddress = regInit("write_address", Type.uint(aw), 0);
    UInt writeWord = counter("write_word", words);
    UInt writeColumn = counter("write_column", w);
    in.ready().assign(lead.lt(sconst(rows, posBits)));
    Bool pixelWritten = wire("pixel_written", in.fire().and(isLast(writeWord, words)));
    Bool rowWritten = wire("row_written", pixelWritten.and(isLast(writeColumn, w)));
    for (Memory buffer : buffers) {
      buffer.write(writeAddress, in.data(), in.fire());
    }
    when(in.fire(), () -> {
      step(writeAddress, depth);
      step(writeWord, words);
    });
    when(pixelWritten, () -> step(writeColumn, w));

    // ---- reader loop nest ----
    UInt oy = counter("out_y", oh);
    UInt ox = counter("out_x", ow);
    UInt g = counter("slice", groups);
    UInt r = counter("replay", replays);
    UInt ky = counter("kernel_y", kh);
    UInt kx = counter("kernel_x", kxSteps);
    UInt wi = counter("slice_word", slice);
    SInt rowStart = regInit("row_start", Type.sint(posBits), -padTop);      // oy * sh - padTop
    SInt columnStart = regInit("column_start", Type.sint(posBits), -padLeft); // ox * sw - padLeft
    SInt iy = regInit("in_y", Type.sint(posBits), -padTop);
    SInt ix = regInit("in_x", Type.sint(posBits), -padLeft);
    // Addresses: row part (slot start of row iy) + column part (ix * words + slice offset + word).
    // The column part of a padded column is negative; it wraps, and the read is masked anyway.
    long topInit = Math.floorMod(-padTop, rows) * (long) rowWords;
    long columnInit = modPow2(-(long) padLeft * words, aw);
    UInt topAddress = regInit("top_address", Type.uint(aw), topInit);
    UInt rowAddress = regInit("row_address", Type.uint(aw), topInit);
    UInt pixelColumn = regInit("pixel_column", Type.uint(aw), columnInit);
    UInt sliceColumn = regInit("slice_column", Type.uint(aw), columnInit);
    UInt columnAddress = regInit("column_address", Type.uint(aw), columnInit);

    Bool lastWord = wire("last_word", isLast(wi, slice));
    Bool lastKx = wire("last_kx", lastWord.and(isLast(kx, kxSteps)));
    Bool lastKy = wire("last_ky", lastKx.and(isLast(ky, kh)));
    Bool lastReplay = wire("last_replay", lastKy.and(isLast(r, replays)));
    Bool lastSlice = wire("last_slice", lastReplay.and(isLast(g, groups)));
    Bool lastPixel = wire("last_pixel", lastSlice.and(isLast(ox, ow)));
    Bool lastOfFrame = wire("last_of_frame", lastPixel.and(isLast(oy, oh)));

    // ---- may the current window be read? ----
    SInt zero = sconst(0, posBits);
    SInt firstRow = mux("first_row", rowStart.lt(zero), zero, rowStart);
    SInt windowBottom = wire("window_bottom", rowStart.plus(sconst(kh - 1, posBits)));
    SInt lastRow = mux("last_row", windowBottom.gt(sconst(h - 1, posBits)), sconst(h - 1, posBits), windowBottom);
    // The group's rightmost window decides (mmv - 1 strides right of the first).
    SInt windowRight = wire("window_right", columnStart.plus(sconst((long) (mmv - 1) * sw + kw - 1, posBits)));
    SInt lastColumn = mux("last_column", windowRight.gt(sconst(w - 1, posBits)), sconst(w - 1, posBits), windowRight);
    SInt beyond = wire("rows_beyond_window", lead.minus(lastRow.minus(firstRow)));
    SInt columnsWritten = wire("columns_written", writeColumn.resize(posBits - 1).toSigned());
    Bool windowReady = wire("window_ready", beyond.gt(zero)
        .or(beyond.eq(zero).and(columnsWritten.gt(lastColumn))));

    int fifoDepth = SlidingWindowConfig.OUTPUT_FIFO_DEPTH;
    UInt credit = regInit("credit", Type.uint(bitsFor(fifoDepth)), fifoDepth);
    Bool issue = wire("issue", windowReady.and(credit.ne(0)));

    // Leaving an output row frees the rows before the next row's first real row.
    Bool rowDone = wire("row_done", issue.and(lastPixel));
    SInt nextRowStart = wire("next_row_start", rowStart.plus(sconst(sh, posBits)));
    SInt nextFirstRow = mux("next_first_row", isLast(oy, oh), sconst(h, posBits),
        mux("next_first_row_clamped", nextRowStart.lt(zero), zero, nextRowStart));
    SInt released = mux("rows_released", rowDone, nextFirstRow.minus(firstRow), zero);
    SInt gained = mux("rows_gained", rowWritten, sconst(1, posBits), zero);
    lead.assign(lead.plus(gained).minus(released));

    // Next values of the address registers, computed outside the conditional updates below.
    long frameJumpRows = Math.floorMod(h - (long) (oh - 1) * sh, rows);
    UInt nextKernelRow = addMod("next_kernel_row", rowAddress, rowWords, depth);
    UInt nextTop = mux("next_top_address", lastOfFrame,
        addMod("next_frame_top", topAddress, frameJumpRows * rowWords, depth),
        addMod("next_row_top", topAddress, (long) sh * rowWords, depth));
    SInt nextStart = mux("next_row_start_or_top", lastOfFrame, sconst(-padTop, posBits), nextRowStart);
    SInt nextColumn = wire("next_column_start", columnStart.plus(sconst((long) sw * mmv, posBits)));
    UInt nextPixelColumn = wire("next_pixel_column",
        pixelColumn.plus(UInt.of(modPow2((long) sw * mmv * words, aw), aw)));
    UInt nextSliceColumn = wire("next_slice_column", sliceColumn.plus(UInt.of(modPow2(slice, aw), aw)));
    UInt nextKernelColumn = wire("next_kernel_column",
        columnAddress.plus(UInt.of(modPow2(words - slice + 1, aw), aw)));

    // The loop nest; a later assignment overrides an earlier one, so outer loops win.
    when(issue, () -> {
      step(wi, slice);
      columnAddress.assign(columnAddress.plus(1));
      when(lastWord, () -> {
        step(kx, kxSteps);
        ix.assign(ix.plus(sconst(1, posBits)));
        columnAddress.assign(nextKernelColumn);
      });
      when(lastKx, () -> {
        step(ky, kh);
        ix.assign(columnStart);
        columnAddress.assign(sliceColumn);
        iy.assign(iy.plus(sconst(1, posBits)));
        rowAddress.assign(nextKernelRow);
      });
      when(lastKy, () -> {
        step(r, replays);
        iy.assign(rowStart);
        rowAddress.assign(topAddress);
      });
      when(lastReplay, () -> {
        step(g, groups);
        sliceColumn.assign(nextSliceColumn);
        columnAddress.assign(nextSliceColumn);
      });
      when(lastSlice, () -> {
        step(ox, ow);
        columnStart.assign(nextColumn);
        ix.assign(nextColumn);
        pixelColumn.assign(nextPixelColumn);
        sliceColumn.assign(nextPixelColumn);
        columnAddress.assign(nextPixelColumn);
      });
      when(lastPixel, () -> {
        step(oy, oh);
        columnStart.assign(sconst(-padLeft, posBits));
        ix.assign(sconst(-padLeft, posBits));
        pixelColumn.assign(UInt.of(columnInit, aw));
        sliceColumn.assign(UInt.of(columnInit, aw));
        columnAddress.assign(UInt.of(columnInit, aw));
        topAddress.assign(nextTop);
        rowAddress.assign(nextTop);
        rowStart.assign(nextStart);
        iy.assign(nextStart);
      });
    });

    // ---- read (pixel m of a word: m strides right for mmv, m columns right for a kernel row), mask padding, queue ----
    Bool rowPadded = wire("row_padded", iy.lt(zero).or(iy.gt(sconst(h - 1, posBits))));
    UInt readAddress = wire("read_address", rowAddress.plus(columnAddress));
    Bool readValid = regInit("read_valid", Type.bool(), 0);
    Bool readLast = reg("read_last", Type.bool());
    readValid.assign(issue);
    when(issue, () -> readLast.assign(lastOfFrame));
    List<Bits> pixelWords = new ArrayList<>();
    for (int m = 0; m < copies; m++) {
      String sfx = copies == 1 ? "" : "_m" + m;
      SInt column = m == 0 ? ix : wire("in_x" + sfx, ix.plus(sconst((long) m * step, posBits)));
      Bool padded = wire("padded" + sfx, rowPadded.or(column.lt(zero)).or(column.gt(sconst(w - 1, posBits))));
      UInt address = m == 0 ? readAddress
          : wire("read_address" + sfx, readAddress.plus(UInt.of(modPow2((long) m * step * words, aw), aw)));
      Bits readData = wire("read_data" + sfx, Type.bits(c.wordBits()));
      Memory buffer = buffers.get(m);
      withoutReset(() -> readData.assign(buffer.readSync(address, issue)));
      Bool readPadded = reg("read_padded" + sfx, Type.bool());
      when(issue, () -> readPadded.assign(padded));
      Bits word = wire("pixel_word" + sfx, Type.bits(c.wordBits()));
      word.assign(readData);
      when(readPadded, () -> word.assign(Bits.zeros(c.wordBits())));
      pixelWords.add(0, word); // concat puts its first part highest: pixel 0 in the lowest lanes
    }

    Fifo queue = fifo("out_fifo", output.shape(), fifoDepth, SlidingWindowConfig.lutRam(c.style()));
    queue.push().valid().assign(readValid);
    queue.push().data().assign(copies == 1 ? pixelWords.get(0) : Bits.concat(pixelWords));
    queue.push().last().assign(readLast);
    // Credits guarantee room: the FIFO's push-side ready is always high when a word arrives.
    queue.push().ready().named("out_fifo_push_ready_unused");
    queue.pop().connectTo(output);

    Bool returned = output.fire();
    when(issue.and(returned.not()), () -> credit.assign(credit.minus(1)))
        .elseWhen(issue.not().and(returned), () -> credit.assign(credit.plus(1)));
  }

  /**
   * The decimating stage of a strided pointwise window: passes the words of the pixels on the
   * stride grid (y % sh == 0 and x % sw == 0; with no padding every such pixel has a window) and
   * drops the others as they arrive, so the input never waits on them.
   */
  private Axis decimate(SlidingWindowConfig c, Axis from) {
    int words = c.wordsPerPixel();
    int h = c.input().h();
    int w = c.input().w();
    int sh = c.geometry().strideH();
    int sw = c.geometry().strideW();
    UInt word = counter("decimate_word", words);
    UInt column = counter("decimate_column", w);
    UInt row = counter("decimate_row", h);
    UInt columnPhase = counter("decimate_column_phase", sw);
    UInt rowPhase = counter("decimate_row_phase", sh);
    Bool keep = wire("decimate_keep", columnPhase.eq(0).and(rowPhase.eq(0)));
    Axis kept = axisWire("decimated", AxisShape.data(from.shape().dataWidth()));
    kept.valid().assign(from.valid().and(keep));
    kept.data().assign(from.data());
    from.ready().assign(kept.ready().or(keep.not()));
    Bool pixelDone = wire("decimate_pixel_done", from.fire().and(isLast(word, words)));
    Bool rowDone = wire("decimate_row_done", pixelDone.and(isLast(column, w)));
    when(from.fire(), () -> step(word, words));
    when(pixelDone, () -> {
      step(column, w);
      step(columnPhase, sw);
    });
    when(rowDone, () -> {
      columnPhase.assign(0);
      step(row, h);
      step(rowPhase, sh);
    });
    when(rowDone.and(isLast(row, h)), () -> rowPhase.assign(0));
    return kept;
  }

  public Axis input() {
    return input;
  }

  public Axis output() {
    return output;
  }
}
