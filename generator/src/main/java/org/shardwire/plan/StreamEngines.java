package org.shardwire.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.shardwire.blocks.engines.ClampBounds;
import org.shardwire.blocks.engines.RequantConstants;
import org.shardwire.blocks.engines.elementwise.AddEngineConfig;
import org.shardwire.blocks.engines.elementwise.ClampEngineConfig;
import org.shardwire.blocks.engines.pool.AvgPoolEngineConfig;
import org.shardwire.blocks.engines.pool.GlobalAvgPoolEngineConfig;
import org.shardwire.blocks.engines.pool.MaxPoolEngineConfig;
import org.shardwire.blocks.engines.routing.ConcatEngineConfig;
import org.shardwire.blocks.engines.routing.ShuffleEngineConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.AvgPool;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Shape;
import org.shardwire.quant.Clamp;
import org.shardwire.quant.QAdd;
import org.shardwire.quant.QAvgPool;
import org.shardwire.quant.QClamp;
import org.shardwire.quant.QConcat;
import org.shardwire.quant.QGlobalAvgPool;
import org.shardwire.quant.Requant;

/**
 * Configs of the engines that are not convolutions, from int8 layers: the quantizer's records
 * become the plain numbers the engines take (blocks do not depend on quant), as
 * {@link ConvEngines} does for the convs. Lanes and memory styles are the planner's choice.
 */
public final class StreamEngines {
  private StreamEngines() {}

  public static RequantConstants constants(Requant r) {
    return new RequantConstants(r.multiplier(), r.shift());
  }

  public static List<RequantConstants> constants(List<Requant> rs) {
    return rs.stream().map(StreamEngines::constants).toList();
  }

  public static ClampBounds bounds(Clamp c) {
    return new ClampBounds(c.min(), c.max());
  }

  public static AddEngineConfig add(QAdd q, Shape shape, int lanes) {
    return new AddEngineConfig(shape, lanes, constants(q.a()), constants(q.b()), bounds(q.clamp()));
  }

  /** The concat of {@code q}; input i's FIFO in {@code fifoStyle.apply(i)}. */
  public static ConcatEngineConfig concat(QConcat q, List<Shape> inputs, int lanes,
      IntFunction<RamStyle> fifoStyle) {
    List<RamStyle> styles = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      styles.add(fifoStyle.apply(i));
    }
    return new ConcatEngineConfig(inputs, lanes, constants(q.inputs()), styles);
  }

  public static ClampEngineConfig clamp(QClamp q, Shape shape, int lanes) {
    return new ClampEngineConfig(shape, lanes, bounds(q.clamp()));
  }

  /** A ChannelShuffle or InsideShuffle as its channel permutation. */
  public static ShuffleEngineConfig shuffle(Layer layer, Shape shape, int lanes) {
    int[] source;
    if (layer instanceof ChannelShuffle cs) {
      source = cs.permutation(shape.c());
    } else if (layer instanceof InsideShuffle is) {
      source = is.permutation(shape.c());
    } else {
      throw new IllegalArgumentException("not a shuffle: " + layer.op());
    }
    return new ShuffleEngineConfig(shape, lanes, source);
  }

  /**
   * With the sums in Xilinx LUT RAM (block RAM beyond 64 channel groups), as before the style
   * became a parameter; lowering for an Intel board should pass its own style.
   */
  public static GlobalAvgPoolEngineConfig globalAvgPool(QGlobalAvgPool q, Shape input, int lanes) {
    RamStyle style = input.c() / lanes <= 64 ? RamStyle.XILINX_DISTRIBUTED : RamStyle.XILINX_BLOCK;
    return globalAvgPool(q, input, lanes, style);
  }

  public static GlobalAvgPoolEngineConfig globalAvgPool(QGlobalAvgPool q, Shape input, int lanes,
      RamStyle sumsStyle) {
    return new GlobalAvgPoolEngineConfig(input, lanes, constants(q.requant()), sumsStyle);
  }

  public static MaxPoolEngineConfig maxPool(MaxPool p, Shape input, int lanes, RamStyle bufferStyle) {
    return new MaxPoolEngineConfig(input, lanes,
        new WindowGeometry(p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padding()), bufferStyle);
  }

  public static AvgPoolEngineConfig avgPool(QAvgPool q, Shape input, int lanes, RamStyle bufferStyle) {
    AvgPool p = q.layer();
    return new AvgPoolEngineConfig(input, lanes,
        new WindowGeometry(p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padding()), p.countIncludePad(),
        constants(q.byDivisor()), bufferStyle);
  }
}
