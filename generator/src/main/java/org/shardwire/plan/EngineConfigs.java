package org.shardwire.plan;

import java.util.List;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.conv.ConvEngineConfig;
import org.shardwire.blocks.engines.conv.ConvWeights;
import org.shardwire.blocks.engines.conv.DepthwiseConvEngineConfig;
import org.shardwire.blocks.engines.conv.RequantTable;
import org.shardwire.blocks.engines.conv.StreamedConvEngineConfig;
import org.shardwire.blocks.engines.conv.TiledConvEngineConfig;
import org.shardwire.blocks.reader.WeightStreamConfig;
import org.shardwire.blocks.engines.routing.ChannelRangeEngineConfig;
import org.shardwire.blocks.engines.routing.ConcatEngineConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.model.AvgPool;
import org.shardwire.model.ChannelRange;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Clip;
import org.shardwire.model.Concat;
import org.shardwire.model.Conv;
import org.shardwire.model.FullyConnected;
import org.shardwire.model.GlobalAvgPool;
import org.shardwire.model.InsideShuffle;
import org.shardwire.model.Layer;
import org.shardwire.model.MaxPool;
import org.shardwire.model.Node;
import org.shardwire.model.Relu;
import org.shardwire.model.Shape;
import org.shardwire.quant.QAdd;
import org.shardwire.quant.QAvgPool;
import org.shardwire.quant.QClamp;
import org.shardwire.quant.QConcat;
import org.shardwire.quant.QConv;
import org.shardwire.quant.QFullyConnected;
import org.shardwire.quant.QGlobalAvgPool;
import org.shardwire.quant.QuantizedGraph;

/**
 * The engine config of an int8 node at any folding: the one place a node becomes an engine, used
 * by the cost model (for every folding it weighs) and by the lowering (for the folding and memory
 * placements the plan chose), so what is costed is what is built.
 */
public final class EngineConfigs {
  private EngineConfigs() {}

  /** A node's engine at a folding, its memories in the given styles. */
  @FunctionalInterface
  public interface Factory {
    EngineConfig at(Folding folding, MemoryStyles styles);
  }

  /**
   * The factory of node {@code n} reading streams of shapes {@code in}. A conv's weights are copied
   * once here and shared by every config the factory makes; they are packed into memory words only
   * when the hardware is built. Flatten has no engine (it moves nothing): its factory fails.
   */
  public static Factory of(QuantizedGraph q, Node n, List<Shape> in) {
    Layer l = n.layer();
    Shape x = in.get(0);
    String name = n.name();
    if (l instanceof Conv c) {
      QConv qc = q.conv(name);
      ConvWeights w = ConvWeights.copyOf(qc.weights().data());
      RequantTable t = ConvEngines.table(qc.bias(), qc.requant(), qc.clamp());
      WindowGeometry g = ConvEngines.geometry(c);
      if (c.isDepthwise()) {
        return (f, s) -> new DepthwiseConvEngineConfig(x, g, ((Folding.Simd) f).simd(), w, t, s.of("weights"),
            s.of("line_buffer"), s.of("requant_params"));
      }
      return (f, s) -> weightsFrom(name, f, s, new ConvEngineConfig(x, c.outChannels(), g, c.groups(),
          ((Folding.PeSimd) f).pe(), ((Folding.PeSimd) f).simd(), w, t, s.of("weights"), s.of("line_buffer"),
          s.of("requant_params"), ((Folding.PeSimd) f).mmv(), ((Folding.PeSimd) f).packed()));
    }
    if (l instanceof FullyConnected) {
      QFullyConnected qf = q.fullyConnected(name);
      ConvWeights w = ConvWeights.copyOf(qf.weights().data());
      RequantTable t = ConvEngines.table(qf.bias(), qf.requant(), qf.clamp());
      return (f, s) -> weightsFrom(name, f, s, ConvEngineConfig.fullyConnected(x, qf.layer().outFeatures(),
          ((Folding.PeSimd) f).pe(), ((Folding.PeSimd) f).simd(), w, t, s.of("weights"), s.of("line_buffer"),
          s.of("requant_params"), ((Folding.PeSimd) f).packed()));
    }
    if (l instanceof MaxPool p) {
      return (f, s) -> StreamEngines.maxPool(p, x, lanes(f), s.of("line_buffer"));
    }
    if (l instanceof AvgPool) {
      QAvgPool qa = (QAvgPool) q.layer(name);
      return (f, s) -> StreamEngines.avgPool(qa, x, lanes(f), s.of("line_buffer"));
    }
    if (l instanceof GlobalAvgPool) {
      QGlobalAvgPool qg = (QGlobalAvgPool) q.layer(name);
      return (f, s) -> StreamEngines.globalAvgPool(qg, x, lanes(f), s.of("sums"));
    }
    if (l instanceof org.shardwire.model.Add) {
      QAdd qa = (QAdd) q.layer(name);
      return (f, s) -> StreamEngines.add(qa, x, lanes(f));
    }
    if (l instanceof Concat) {
      QConcat qc = (QConcat) q.layer(name);
      return (f, s) -> StreamEngines.concat(qc, in, lanes(f), i -> s.of(ConcatEngineConfig.inputFifoName(i)));
    }
    if (l instanceof ChannelShuffle || l instanceof InsideShuffle) {
      return (f, s) -> StreamEngines.shuffle(l, x, lanes(f));
    }
    if (l instanceof ChannelRange r) {
      return (f, s) -> new ChannelRangeEngineConfig(x, r.from(), r.to(), lanes(f));
    }
    if (l instanceof Relu || l instanceof Clip) {
      QClamp qc = (QClamp) q.layer(name);
      return (f, s) -> StreamEngines.clamp(qc, x, lanes(f));
    }
    return (f, s) -> {
      throw new IllegalArgumentException("layer " + name + " (" + l.op() + ") has no hardware engine");
    };
  }

  /**
   * The conv engine as the folding keeps its weights: {@code conv} itself (on chip), or fed from
   * DDR once per pixel ({@link StreamedConvEngineConfig}) or once per frame ({@link
   * TiledConvEngineConfig}) with layer {@code name}'s region laid out alone; the
   * lowering moves the region to where the board's layout puts it, which changes no figure.
   */
  private static EngineConfig weightsFrom(String name, Folding f, MemoryStyles s, ConvEngineConfig conv) {
    Folding.PeSimd p = (Folding.PeSimd) f;
    if (!p.streamed()) {
      return conv;
    }
    WeightStreamConfig stream = WeightStreamConfig.alone(name, p.ddrBeatBits(), conv.pe() * conv.simd() * 8,
        conv.folds() * conv.beatsPerWindow(), s.of(StreamedConvEngineConfig.BUFFER));
    if (!p.tiled()) {
      return new StreamedConvEngineConfig(conv, stream);
    }
    return new TiledConvEngineConfig(conv, stream, s.of(TiledConvEngineConfig.FRAME_IN), s.of(TiledConvEngineConfig.TILE),
        s.of(TiledConvEngineConfig.FRAME_OUT));
  }

  private static int lanes(Folding f) {
    return ((Folding.Lanes) f).lanes();
  }
}
