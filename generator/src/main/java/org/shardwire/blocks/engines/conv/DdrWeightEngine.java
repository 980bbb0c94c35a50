package org.shardwire.blocks.engines.conv;

import java.util.List;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.blocks.reader.WeightStreamConfig;
import org.shardwire.hdl.Axi4Read;

/**
 * A conv engine whose weights stream from the board's DDR (docs/ddr-weights.md): once per output
 * pixel ({@link StreamedConvEngineConfig}) or once per frame ({@link TiledConvEngineConfig}). What
 * the planner, the DDR image and the board top need from either.
 */
public sealed interface DdrWeightEngine extends EngineConfig permits StreamedConvEngineConfig, TiledConvEngineConfig {
  /** The layer's engine with its weights on chip: shapes, folding and weight words. */
  ConvEngineConfig conv();

  /** The reader and the layer's region of the DDR image. */
  WeightStreamConfig stream();

  /** DDR bytes read per frame: what the planner budgets against the bank's bandwidth. */
  long ddrBytesPerFrame();

  /** The same engine reading {@code placed} (where the board's layout puts the region). */
  DdrWeightEngine at(WeightStreamConfig placed);

  /** The on-chip engine's streams. */
  @Override
  default List<TensorStream> inputs() {
    return conv().inputs();
  }

  @Override
  default List<TensorStream> outputs() {
    return conv().outputs();
  }

  /** The on-chip engine's MAC arrays and requantizers. */
  @Override
  default int macMultipliers() {
    return conv().macMultipliers();
  }

  @Override
  default List<org.shardwire.blocks.engines.RequantProduct> requantProducts() {
    return conv().requantProducts();
  }

  /**
   * The on-chip engine's logic: the streamer's is small beside a MAC array, and the tiled
   * engine's frame address counters stand where the window unit was.
   */
  @Override
  default long luts() {
    return conv().luts();
  }

  /** The AXI4 read port ({@code m_axi}) of a module this config built. */
  static Axi4Read ddrPort(org.shardwire.hdl.Module m) {
    if (m instanceof StreamedConvEngine e) {
      return e.ddrPort();
    }
    if (m instanceof TiledConvEngine e) {
      return e.ddrPort();
    }
    return null;
  }
}
