package org.shardwire.blocks.engines.conv;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.blocks.engines.routing.LaneAdapter;
import org.shardwire.blocks.engines.routing.LaneAdapterConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.blocks.mac.MacArray;
import org.shardwire.blocks.memory.BankLayout;
import org.shardwire.blocks.memory.BankedWord;
import org.shardwire.blocks.reader.WeightStreamer;
import org.shardwire.hdl.Axi4Read;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.SInt;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;
import org.shardwire.model.Shape;

/**
 * The weight-stationary conv engine ({@link TiledConvEngineConfig}): four independent loops
 * around three double buffers, each buffer handed over by a full flag per half.
 *
 * <ul>
 *   <li>the input writer stores the frame's words in raster order into the free half of
 *       {@code frame_in};
 *   <li>the tile writer stores the weight streamer's words (the layer's region, fold after fold,
 *       frame after frame) into the free half of {@code weight_tile};
 *   <li>the sweep, once a full input half and a full tile half are there, walks fold f, output
 *       pixel (oy, ox), window beat (ky, kx, input word) and reads the input word (zero where the
 *       window hangs over the padding) and the tile word side by side into the MAC array; the
 *       input half is freed after the last fold, the tile half after each fold;
 *   <li>the requantizer's results (fold-major) land in {@code frame_out} at pixel * folds + fold,
 *       and the drain sends a full half out pixel-major.
 * </ul>
 * The input addresses are kept as running sums (no multiplier): the window's first word, the
 * row's first word and the word under the kernel position, each moved by constants.
 */
public final class TiledConvEngine extends EngineModule {
  private final Axis input;
  private final Axis output;
  private final Axi4Read ddr;

  public TiledConvEngine(TiledConvEngineConfig c) {
    super(c.moduleName());
    ConvEngineConfig conv = c.conv();
    input = axisIn("s_axis", conv.inputs().get(0).axisShape());
    output = axisOut("m_axis", conv.outputs().get(0).axisShape());

    WeightStreamer streamer = child("weight_stream", new WeightStreamer(c.stream()));
    ddr = axi4ReadMaster("m_axi", c.stream().reader().axiShape());
    streamer.axi().connectTo(ddr);
    status().forward(streamer, "weights_");
    MacArray dot = child("mac", new MacArray(conv.mac()));
    Requantizer requant = child("requant", new Requantizer(c.requantizer()));

    Shape in = conv.input();
    WindowGeometry g = conv.geometry();
    int simd = conv.simd();
    int words = in.c() / simd;
    long frameIn = c.frameInWords();
    int tile = c.tileWords();
    int folds = conv.folds();
    long pixels = c.outputPixels();
    long frameOut = c.frameOutWords();
    int banks = TiledConvEngineConfig.BANKS;

    // ---- input writer: raster order into the free half ----
    Memory frameInMem = mem("frame_in", simd * Widths.INT8, (int) (banks * frameIn)).style(c.frameInStyle());
    int aIn = frameInMem.addressWidth();
    List<Bool> inFull = flags("in_full");
    Bool inBank = regInit("in_bank", Type.bool(), 0);
    UInt inIndex = counter("in_index", frameIn);
    ignoreLast(input, "s_axis");
    input.ready().assign(pick(inBank, inFull).not());
    frameInMem.write(half("in_address", inBank, inIndex.resize(aIn), frameIn), input.data(), input.fire());
    when(input.fire(), () -> {
      step(inIndex, frameIn);
      when(isLast(inIndex, frameIn), () -> {
        set(inFull, inBank, true);
        inBank.assign(inBank.not());
      });
    });

    // ---- tile writer: the region's words, fold by fold, into the free tile half ----
    BankLayout layout = c.tileBanks();
    int aTile = Memory.addressWidth(banks * tile);
    List<Bool> tileFull = flags("tile_full");
    Bool tileInBank = regInit("tile_in_bank", Type.bool(), 0);
    UInt tileIndex = counter("tile_index", tile);
    Axis weightWords = streamer.words();
    weightWords.ready().assign(pick(tileInBank, tileFull).not());
    UInt tileWriteAddress = half("tile_write_address", tileInBank, tileIndex.resize(aTile), tile);
    when(weightWords.fire(), () -> {
      step(tileIndex, tile);
      when(isLast(tileIndex, tile), () -> {
        set(tileFull, tileInBank, true);
        tileInBank.assign(tileInBank.not());
      });
    });

    // ---- sweep: fold, output row, output column, kernel row, kernel column, input word ----
    int kh = g.kernelH();
    int kw = g.kernelW();
    Shape out = conv.outputShape();
    long rowStep = (long) in.w() * words;
    long start = -((long) g.padding().top() * in.w() + g.padding().left()) * words;
    int pb = signedBitsFor(4L * (in.h() + kh + g.strideH() + 2) * (in.w() + kw + g.strideW() + 2) * words);
    UInt word = counter("sweep_word", words);
    UInt kx = counter("sweep_kx", kw);
    UInt ky = counter("sweep_ky", kh);
    UInt ox = counter("sweep_ox", out.w());
    UInt oy = counter("sweep_oy", out.h());
    UInt fold = counter("sweep_fold", folds);
    UInt beat = counter("sweep_beat", tile);
    SInt rowY = regInit("sweep_row_y", Type.sint(pb), -g.padding().top());
    SInt colX = regInit("sweep_col_x", Type.sint(pb), -g.padding().left());
    SInt rowAddress = regInit("sweep_row_address", Type.sint(pb), start);
    SInt windowAddress = regInit("sweep_window_address", Type.sint(pb), start);
    SInt pixelAddress = regInit("sweep_pixel_address", Type.sint(pb), start);
    Bool sweepBank = regInit("sweep_bank", Type.bool(), 0);
    Bool tileBank = regInit("tile_bank", Type.bool(), 0);
    // Frames started and not yet drained: a new one starts only while an output half is free.
    UInt framesOut = regInit("frames_out", Type.uint(2), 0);

    Bool feedValid = regInit("feed_valid", Type.bool(), 0);
    Bool advance = wire("feed_advance", feedValid.not().or(dot.input().ready()));
    Bool frameStart = wire("frame_start", fold.eq(0).and(oy.eq(0)).and(ox.eq(0)).and(beat.eq(0)));
    Bool ready = wire("sweep_ready", pick(sweepBank, inFull).and(pick(tileBank, tileFull))
        .and(frameStart.not().or(framesOut.lt(UInt.of(banks, 2)))));
    Bool issue = wire("sweep_issue", advance.and(ready));

    SInt iy = wire("in_y", rowY.plus(ky.resize(pb - 1).toSigned()));
    SInt ix = wire("in_x", colX.plus(kx.resize(pb - 1).toSigned()));
    SInt zero = SInt.of(0, pb);
    Bool padded = wire("padded", iy.lt(zero).or(iy.gt(SInt.of(in.h() - 1, pb))).or(ix.lt(zero))
        .or(ix.gt(SInt.of(in.w() - 1, pb))));
    // Inside the frame the offset is 0 .. frame - 1; outside it (padding) it is not used.
    UInt offset = wire("in_offset", pixelAddress.plus(word.resize(pb - 1).toSigned()).asUInt());
    UInt local = wire("in_local", offset.slice(aIn - 1, 0));
    wire("in_offset_high_unused", Type.uint(pb - aIn)).assign(offset.slice(pb - 1, aIn));
    Bits acts = wire("read_acts", Type.bits(simd * Widths.INT8));
    UInt readAddress = half("read_address", sweepBank, local, frameIn);
    withoutReset(() -> acts.assign(frameInMem.readSync(readAddress, issue)));
    UInt tileReadAddress = half("tile_read_address", tileBank, beat.resize(aTile), tile);
    List<Bits> tileData = new ArrayList<>();
    for (int b = 0; b < layout.banks(); b++) {
      String sfx = layout.banks() == 1 ? "" : "_b" + b;
      int lo = layout.offset(b);
      Memory m = mem("weight_tile" + sfx, layout.bankWidth(b), banks * tile).style(c.tileStyle());
      m.write(tileWriteAddress, weightWords.data().slice(lo + layout.bankWidth(b) - 1, lo), weightWords.fire());
      Bits data = wire("tile_data" + sfx, Type.bits(layout.bankWidth(b)));
      withoutReset(() -> data.assign(m.readSync(tileReadAddress, issue)));
      tileData.add(data);
    }
    BankedWord weights = new BankedWord(layout, tileData);

    Bool feedPadded = reg("feed_padded", Type.bool());
    Bool feedClear = reg("feed_clear", Type.bool());
    Bool feedEmit = reg("feed_emit", Type.bool());
    when(advance, () -> feedValid.assign(ready));
    Bool windowEnd = wire("window_end", isLast(word, words).and(isLast(kx, kw)).and(isLast(ky, kh)));
    Bool pixelRowEnd = wire("row_end", windowEnd.and(isLast(ox, out.w())));
    Bool foldEnd = wire("fold_end", pixelRowEnd.and(isLast(oy, out.h())));
    Bool frameEnd = wire("frame_end", foldEnd.and(isLast(fold, folds)));
    when(issue, () -> {
      feedPadded.assign(padded);
      feedClear.assign(beat.eq(0));
      feedEmit.assign(isLast(beat, tile));
      step(word, words);
      step(beat, tile);
      when(isLast(word, words), () -> {
        step(kx, kw);
        when(isLast(kx, kw).not(), () -> pixelAddress.assign(pixelAddress.plus(SInt.of(words, pb))));
        when(isLast(kx, kw), () -> {
          step(ky, kh);
          pixelAddress.assign(pixelAddress.plus(SInt.of(rowStep - (long) (kw - 1) * words, pb)));
        });
      });
      when(windowEnd, () -> {
        step(ox, out.w());
        long colStep = (long) g.strideW() * words;
        colX.assign(colX.plus(SInt.of(g.strideW(), pb)));
        windowAddress.assign(windowAddress.plus(SInt.of(colStep, pb)));
        pixelAddress.assign(windowAddress.plus(SInt.of(colStep, pb)));
      });
      when(pixelRowEnd, () -> {
        step(oy, out.h());
        long next = g.strideH() * rowStep;
        colX.assign(-g.padding().left());
        rowY.assign(rowY.plus(SInt.of(g.strideH(), pb)));
        rowAddress.assign(rowAddress.plus(SInt.of(next, pb)));
        windowAddress.assign(rowAddress.plus(SInt.of(next, pb)));
        pixelAddress.assign(rowAddress.plus(SInt.of(next, pb)));
      });
      when(foldEnd, () -> {
        step(fold, folds);
        rowY.assign(-g.padding().top());
        rowAddress.assign(start);
        windowAddress.assign(start);
        pixelAddress.assign(start);
        set(tileFull, tileBank, false);
        tileBank.assign(tileBank.not());
      });
      when(frameEnd, () -> {
        set(inFull, sweepBank, false);
        sweepBank.assign(sweepBank.not());
      });
    });

    Bits feedActs = wire("feed_acts", Type.bits(simd * Widths.INT8));
    feedActs.assign(acts);
    when(feedPadded, () -> feedActs.assign(Bits.zeros(simd * Widths.INT8)));
    for (int p = 0; p < conv.pe(); p++) {
      int bits = conv.mac().weightRowBits();
      dot.weightRow(p).assign(weights.lane(p, bits));
    }
    dot.input().valid().assign(feedValid);
    dot.input().data().assign(feedActs);
    dot.input().user().assign(feedClear.asBits());
    dot.input().last().assign(feedEmit);
    dot.output().connectTo(requant.input());

    // ---- output writer: result (fold f, pixel p) to word p * folds + f of its half ----
    Memory frameOutMem = mem("frame_out", conv.pe() * Widths.INT8, (int) (banks * frameOut)).style(c.frameOutStyle());
    int aOut = frameOutMem.addressWidth();
    List<Bool> outFull = flags("out_full");
    Bool outBank = regInit("out_bank", Type.bool(), 0);
    UInt outPixel = counter("out_pixel", pixels);
    UInt outFold = counter("out_fold", folds);
    UInt outAddress = regInit("out_address", Type.uint(aOut), 0);
    Axis results = requant.output();
    results.ready().assign(true); // the sweep started this frame only with its output half free
    Bool resultsLastUnused = wire("results_last_unused", Type.bool());
    resultsLastUnused.assign(results.last());
    frameOutMem.write(half("out_write_address", outBank, outAddress, frameOut), results.data(), results.valid());
    when(results.valid(), () -> {
      step(outPixel, pixels);
      outAddress.assign(outAddress.plus(folds));
      when(isLast(outPixel, pixels), () -> {
        step(outFold, folds);
        outAddress.assign(outFold.resize(aOut).plus(1));
        when(isLast(outFold, folds), () -> {
          outAddress.assign(0);
          set(outFull, outBank, true);
          outBank.assign(outBank.not());
        });
      });
    });

    // ---- drain: a full half, word after word, through the RAM's read register ----
    // (words of PE lanes; with pad lanes, through the lane adapter that drops them)
    Axis drainOut = drainedWords(conv);
    Bool drainBank = regInit("drain_bank", Type.bool(), 0);
    UInt drainIndex = counter("drain_index", frameOut);
    Bool outValid = regInit("out_valid", Type.bool(), 0);
    Bool outLast = reg("out_last", Type.bool());
    Bool drainAdvance = wire("drain_advance", outValid.not().or(drainOut.ready()));
    Bool drainReady = wire("drain_ready", pick(drainBank, outFull));
    Bool drainRead = wire("drain_read", drainAdvance.and(drainReady));
    Bits drained = wire("drained", Type.bits(conv.pe() * Widths.INT8));
    UInt drainAddress = half("drain_address", drainBank, drainIndex.resize(aOut), frameOut);
    withoutReset(() -> drained.assign(frameOutMem.readSync(drainAddress, drainRead)));
    when(drainAdvance, () -> outValid.assign(drainReady));
    Bool drainDone = wire("drain_done", drainRead.and(isLast(drainIndex, frameOut)));
    when(drainRead, () -> {
      outLast.assign(isLast(drainIndex, frameOut));
      step(drainIndex, frameOut);
      when(drainDone, () -> {
        set(outFull, drainBank, false);
        drainBank.assign(drainBank.not());
      });
    });
    Bool started = wire("frame_started", issue.and(frameStart));
    when(started.and(drainDone.not()), () -> framesOut.assign(framesOut.plus(1)))
        .elseWhen(started.not().and(drainDone), () -> framesOut.assign(framesOut.minus(1)));
    drainOut.valid().assign(outValid);
    drainOut.data().assign(drained);
    drainOut.last().assign(outLast);
  }

  /** Where the drain's PE-lane words go: the output, or a padded conv's pad-dropping lane adapter. */
  private Axis drainedWords(ConvEngineConfig conv) {
    LaneAdapterConfig padDrop = conv.padDrop();
    if (padDrop == null) {
      return output;
    }
    LaneAdapter drop = child("pad_drop", new LaneAdapter(padDrop));
    Axis words = axisWire("drain_words", padDrop.inputs().get(0).axisShape());
    words.connectTo(port(drop, "s_axis", padDrop.inputs().get(0).axisShape()));
    port(drop, "m_axis", padDrop.outputs().get(0).axisShape()).connectTo(output);
    return words;
  }

  /** One full flag per half of a double buffer. */
  private List<Bool> flags(String name) {
    List<Bool> f = new ArrayList<>();
    for (int b = 0; b < TiledConvEngineConfig.BANKS; b++) {
      f.add(regInit(name + b, Type.bool(), 0));
    }
    return f;
  }

  private static Bool pick(Bool bank, List<Bool> flags) {
    return bank.and(flags.get(1)).or(bank.not().and(flags.get(0)));
  }

  private static void set(List<Bool> flags, Bool bank, boolean value) {
    when(bank, () -> flags.get(1).assign(value)).otherwise(() -> flags.get(0).assign(value));
  }

  /** The address in half {@code bank} of a buffer whose halves are {@code size} words each. */
  private UInt half(String name, Bool bank, UInt local, long size) {
    return mux(name, bank, local.plus(size), local);
  }

  public Axis input() {
    return input;
  }

  public Axis output() {
    return output;
  }

  /** The AXI4 read port the weights stream through ({@code m_axi}). */
  public Axi4Read ddrPort() {
    return ddr;
  }
}
