package org.shardwire.blocks.engines.routing;

import java.util.List;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.blocks.engines.MacFreeEngineConfig;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.model.Shape;

/**
 * Regroups a stream of {@code inLanes}-channel words into {@code outLanes}-channel words, same
 * channel order (NHWC byte order is unchanged; only the word boundaries move). Any two divisors
 * of C in 1..64. It moves min(in, out) channels per cycle on its slower side.
 *
 * <p>With {@code dropLanes} > 0 the input carries that many pad channels at the end of every
 * pixel, in the last lanes of the pixel's last word (a conv whose PE does not divide its output
 * channels computes whole PE-lane folds, docs/engines.md "Padded folds"); the adapter leaves them
 * out. The output is {@code shape}; the input is {@code shape} with {@code dropLanes} more channels.
 */
public record LaneAdapterConfig(Shape shape, int inLanes, int outLanes, int dropLanes) implements MacFreeEngineConfig {
  public LaneAdapterConfig {
    if (dropLanes < 0 || (dropLanes > 0 && dropLanes >= inLanes)) {
      throw new IllegalArgumentException("lane adapter: the pad channels dropped per pixel must fill part of its last "
          + "word, 0.." + (inLanes - 1) + "; got " + dropLanes);
    }
    new TensorStream("s_axis", paddedShape(shape, dropLanes), inLanes);  // validates both lane counts
    new TensorStream("m_axis", shape, outLanes);
  }

  /** Nothing dropped. */
  public LaneAdapterConfig(Shape shape, int inLanes, int outLanes) {
    this(shape, inLanes, outLanes, 0);
  }

  private static Shape paddedShape(Shape shape, int dropLanes) {
    return new Shape(shape.h(), shape.w(), shape.c() + dropLanes);
  }

  @Override
  public String moduleName() {
    return "lane_adapter_i" + inLanes + "_o" + outLanes + (dropLanes > 0 ? "_d" + dropLanes : "");
  }

  @Override
  public List<TensorStream> inputs() {
    return List.of(new TensorStream("s_axis", paddedShape(shape, dropLanes), inLanes));
  }

  @Override
  public List<TensorStream> outputs() {
    return List.of(new TensorStream("m_axis", shape, outLanes));
  }

  /** Input words a pixel, the last of them carrying the pad channels. */
  public int inWordsPerPixel() {
    return inputs().get(0).wordsPerPixel();
  }

  /** Channels the pixel's last input word carries. */
  public int lastWordLanes() {
    return inLanes - dropLanes;
  }

  /** It takes an input word and gives an output word each cycle: the side with more words sets the pace. */
  @Override
  public long cyclesPerFrame() {
    return Math.max(inputs().get(0).wordsPerFrame(), outputs().get(0).wordsPerFrame());
  }

  /** Enough input words to fill the first output word. */
  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    return List.of((long) ((outLanes + inLanes - 1) / inLanes));
  }

  /** Bytes the regrouping buffer holds: one word of each side, enough to move a word every cycle. */
  public int bufferBytes() {
    return inLanes + outLanes;
  }

  /**
   * Fill levels an input word can land at: multiples of the step every level is a multiple of,
   * from 0 to {@code outLanes}. Each byte of the buffer selects among about that many sources.
   */
  public int landingLevels() {
    return outLanes / levelStep() + 1;
  }

  /** The step every fill level is a multiple of: the gcd of the word sizes pushed and popped. */
  public int levelStep() {
    return gcd(gcd(inLanes, outLanes), lastWordLanes());
  }

  /** Control, plus a landing-level select and a shift-down select on each buffer bit. */
  @Override
  public long luts() {
    return LogicEstimate.luts(0, 0, 0) + LogicEstimate.serializerLuts((long) bufferBytes() * 8 * (inLanes == outLanes
        && dropLanes == 0 ? 0 : 1 + (landingLevels() + 3) / 4));
  }

  static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  @Override
  public Module newModule() {
    return new LaneAdapter(this);
  }
}
