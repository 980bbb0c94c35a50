package org.shardwire.blocks.engines.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.shardwire.blocks.Widths;
import org.shardwire.blocks.engines.EngineNames;
import org.shardwire.blocks.engines.MacFreeEngineConfig;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.blocks.engines.RequantConstants;
import org.shardwire.blocks.engines.RequantProduct;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Shape;

/**
 * Channel concat of k streams (docs/numerics.md "Concat"): for every pixel the words of input 0,
 * then input 1, ..., each element requantized to the output scale,
 * {@code y = clamp(rq(x; requant[i]), -128, 127)}. One output word per cycle.
 *
 * <p>Every input enters through a FIFO of two of its pixels ({@link #inputFifoDepth}). The
 * selector reads one input at a time, and the engines in front of a concat (a conv's MAC array,
 * a pool's window) compute a pixel's channels over many cycles; without room for a pixel, each
 * branch would wait while the concat reads the other, and the concat would take the sum of the
 * branches' pixel times instead of the larger one (measured: shufflenet-g1 at 224x224 ran 43%
 * over its estimate, its stride-2 units' branches taking turns).
 *
 * @param inputShapes same height and width; lanes divides every channel count
 * @param requant one requantizer per input (M = 2^s where the scales are equal: exact, and free)
 * @param fifoStyles the RAM of each input's FIFO (where the plan placed {@link #inputFifoName})
 */
public record ConcatEngineConfig(List<Shape> inputShapes, int lanes, List<RequantConstants> requant,
    List<RamStyle> fifoStyles) implements MacFreeEngineConfig {
  public static final int MAX_INPUTS = 16;
  /** Pixels each input FIFO holds: one being read or written while the next is computed. */
  public static final int FIFO_PIXELS = 2;

  public ConcatEngineConfig {
    inputShapes = List.copyOf(inputShapes);
    requant = List.copyOf(requant);
    fifoStyles = List.copyOf(fifoStyles);
    if (inputShapes.size() < 2 || inputShapes.size() > MAX_INPUTS) {
      throw new IllegalArgumentException("concat engine needs 2.." + MAX_INPUTS + " inputs, got " + inputShapes.size());
    }
    Shape first = inputShapes.get(0);
    for (int i = 0; i < inputShapes.size(); i++) {
      Shape s = inputShapes.get(i);
      if (s.h() != first.h() || s.w() != first.w()) {
        throw new IllegalArgumentException("concat engine: input " + i + " is " + s + " but input 0 is " + first
            + "; all inputs need the same height and width");
      }
      new TensorStream("s_axis_" + i, s, lanes); // lanes must divide every input's channels
    }
    if (requant.size() != inputShapes.size()) {
      throw new IllegalArgumentException("concat engine needs one requantizer per input (" + inputShapes.size()
          + "), got " + requant.size());
    }
    if (fifoStyles.size() != inputShapes.size()) {
      throw new IllegalArgumentException("concat engine needs one FIFO RAM style per input (" + inputShapes.size()
          + "), got " + fifoStyles.size());
    }
  }

  /** The memory name of input {@code i}'s FIFO. */
  public static String inputFifoName(int i) {
    return "input_fifo_" + i;
  }

  /** Words in input {@code i}'s FIFO: {@link #FIFO_PIXELS} of its pixels, plus the word in flight. */
  public int inputFifoDepth(int i) {
    return FIFO_PIXELS * inputs().get(i).wordsPerPixel() + 1;
  }

  public Shape outputShape() {
    int c = inputShapes.stream().mapToInt(Shape::c).sum();
    return new Shape(inputShapes.get(0).h(), inputShapes.get(0).w(), c);
  }

  @Override
  public String moduleName() {
    StringBuilder channels = new StringBuilder();
    for (Shape s : inputShapes) {
      channels.append(channels.length() == 0 ? "" : "_").append(s.c());
    }
    StringBuilder styles = new StringBuilder();
    for (RamStyle r : fifoStyles) {
      styles.append('_').append(r.value().toLowerCase());
    }
    return "concat_c" + channels + "_l" + lanes + styles + "_" + EngineNames.hash(requant);
  }

  @Override
  public List<TensorStream> inputs() {
    List<TensorStream> ins = new ArrayList<>();
    for (int i = 0; i < inputShapes.size(); i++) {
      ins.add(new TensorStream("s_axis_" + i, inputShapes.get(i), lanes));
    }
    return ins;
  }

  @Override
  public List<TensorStream> outputs() {
    return List.of(new TensorStream("m_axis", outputShape(), lanes));
  }

  @Override
  public long cyclesPerFrame() {
    return outputShape().elements() / lanes;
  }

  /**
   * One word on every input. Strictly, the first C0/lanes output words need only input 0; but the
   * first pixel needs every input's first word, and the branch-FIFO sizing treats a join as
   * waiting for all its inputs (docs/engines.md), so this counts what the other branches must
   * deliver for the first pixel to complete (conservative by less than a pixel).
   */
  @Override
  public List<Long> inputWordsBeforeFirstOutput() {
    List<Long> words = new ArrayList<>();
    for (int i = 0; i < inputShapes.size(); i++) {
      words.add(1L);
    }
    return words;
  }

  @Override
  public List<RequantProduct> requantProducts() {
    return RequantProduct.of(Widths.INT8, requant).map(p -> Collections.nCopies(lanes, p)).orElse(List.of());
  }

  @Override
  public List<MemorySpec> memories() {
    List<MemorySpec> fifos = new ArrayList<>();
    for (int i = 0; i < inputShapes.size(); i++) {
      fifos.add(new MemorySpec(inputFifoName(i), inputs().get(i).axisShape().payloadWidth(), inputFifoDepth(i),
          fifoStyles.get(i)));
    }
    return fifos;
  }

  @Override
  public Module newModule() {
    return new ConcatEngine(this);
  }
}
