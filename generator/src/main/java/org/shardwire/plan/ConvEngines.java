package org.shardwire.plan;

import java.util.List;
import org.shardwire.blocks.engines.conv.ConvEngineConfig;
import org.shardwire.blocks.engines.conv.DepthwiseConvEngineConfig;
import org.shardwire.blocks.engines.conv.RequantTable;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.hdl.RamStyle;
import org.shardwire.model.Conv;
import org.shardwire.model.Shape;
import org.shardwire.quant.Clamp;
import org.shardwire.quant.Int32Vector;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QFullyConnected;
import org.shardwire.quant.Requant;

/**
 * Engine configs from int8 layers: the quantizer's records (org.shardwire.quant) become the plain
 * numbers the conv engines take (blocks do not depend on quant). Folding (PE, SIMD) and memory
 * styles are the planner's choice.
 */
public final class ConvEngines {
  private ConvEngines() {}

  /** A conv that is not depthwise (standard or grouped). */
  public static ConvEngineConfig conv(QConv q, Shape input, int pe, int simd, RamStyle weightStyle,
                                     RamStyle bufferStyle) {
    Conv c = q.layer();
    return new ConvEngineConfig(input, c.outChannels(), geometry(c), c.groups(), pe, simd, q.weights().data(),
        table(q.bias(), q.requant(), q.clamp()), weightStyle, bufferStyle);
  }

  /** A depthwise conv (groups = Cin = Cout). */
  public static DepthwiseConvEngineConfig depthwise(QConv q, Shape input, int simd, RamStyle weightStyle,
                                                    RamStyle bufferStyle) {
    Conv c = q.layer();
    if (!c.isDepthwise()) {
      throw new IllegalArgumentException("conv with " + c.groups() + " groups and " + c.inChannelsPerGroup()
          + " input channel(s) per group is not depthwise; use ConvEngines.conv");
    }
    return new DepthwiseConvEngineConfig(input, geometry(c), simd, q.weights().data(),
        table(q.bias(), q.requant(), q.clamp()), weightStyle, bufferStyle);
  }

  /** A fully connected layer over its whole input tensor (NHWC flatten order = the weights' order). */
  public static ConvEngineConfig fullyConnected(QFullyConnected q, Shape input, int pe, int simd,
                                                RamStyle weightStyle, RamStyle bufferStyle) {
    return ConvEngineConfig.fullyConnected(input, q.layer().outFeatures(), pe, simd, q.weights().data(),
        table(q.bias(), q.requant(), q.clamp()), weightStyle, bufferStyle);
  }

  public static WindowGeometry geometry(Conv c) {
    return new WindowGeometry(c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.padding());
  }

  public static RequantTable table(Int32Vector bias, List<Requant> requant, Clamp clamp) {
    int n = bias.size();
    int[] m = new int[n];
    int[] s = new int[n];
    for (int o = 0; o < n; o++) {
      m[o] = requant.get(o).multiplier();
      s[o] = requant.get(o).shift();
    }
    return new RequantTable(bias.values(), m, s, clamp.min(), clamp.max());
  }
}
