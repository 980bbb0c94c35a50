package org.shardwire.blocks.engines;

import java.util.List;
import org.shardwire.hdl.Module;

/**
 * One streaming engine (docs/engines.md): a validated config record that knows its streams, its
 * cycle count, fill latency and resources, and builds its DSL module. It is the only owner of
 * those figures: the cost model builds the config of every folding it considers and reads them,
 * the board assembly reads them, and the hardware is built from the same record. Ports:
 * {@code clk}, {@code rst}, and one AXI stream per {@link TensorStream}.
 */
public interface EngineConfig {

  /** Verilog module name, carrying the parameters ({@code conv_k3_s1_pe8_simd4_...}). */
  String moduleName();

  /** Input streams in port order ({@code s_axis}, or {@code s_axis_a}/{@code s_axis_b}, ...). */
  List<TensorStream> inputs();

  /** Output streams in port order. */
  List<TensorStream> outputs();

  /** Steady-state cycles per frame when never starved or stalled (the formula of docs/engines.md). */
  long cyclesPerFrame();

  /**
   * For each input, in order: how many words of that input the engine must read before it can
   * emit its first output word. Used to size the FIFOs of branches that meet again.
   */
  List<Long> inputWordsBeforeFirstOutput();

  /** int8 x int8 multipliers (one catalogue multiplier unit each). */
  int macMultipliers();

  /**
   * Every requantizer's product value x M, as built: the plan counts the multiplier units each
   * takes on the board's vendor ({@link RequantProduct#units}).
   */
  List<RequantProduct> requantProducts();

  /** Requantizers built: one per product. */
  default int requantizers() {
    return requantProducts().size();
  }

  /**
   * Every on-chip memory the engine's hardware builds (weights, line buffer, parameter ROM,
   * FIFOs), with the RAM style it is built in: the planner places and counts exactly these.
   */
  List<MemorySpec> memories();

  /** Logic besides memories and multipliers, in LUTs (ALMs on Intel): {@link LogicEstimate}. */
  long luts();

  /** The engine's hardware. */
  Module newModule();
}
